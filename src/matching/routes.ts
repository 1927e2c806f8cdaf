// HTTP routes of suggestions: list scored candidates for a channel's unmapped listings, accept
// chosen ones or all above a score (one undoable operation).
import type { App } from "../http/types.ts";
import { acceptSuggestions } from "./accept-suggestions.ts";
import { findSuggestions } from "./find-suggestions.ts";
import { AcceptBody, AcceptResponse, SuggestionPage, SuggestionParams, SuggestionQuery } from "./schemas.ts";

const tags = ["suggestions"];
const base = "/api/v1/accounts/:accountId/channels/:channelId/suggestions";

export function registerSuggestionRoutes(app: App) {
  app.get(
    base,
    {
      config: { minRole: "viewer" },
      schema: {
        tags,
        summary: "Scored mapping suggestions for the channel's unmapped listings",
        params: SuggestionParams,
        querystring: SuggestionQuery,
        response: { 200: SuggestionPage },
      },
    },
    async (request) => {
      const { accountId, channelId } = request.params;
      const { minScore, cursor, limit } = request.query;
      return findSuggestions(app.db, {
        accountId,
        channelId,
        limit,
        cursor,
        ...(minScore === undefined ? {} : { minScore }),
      });
    },
  );

  app.post(
    `${base}/accept`,
    {
      config: { minRole: "editor" },
      schema: {
        tags,
        summary:
          "Accept suggestions ({ accept: [{ listingId, variantId }] } or { allAboveScore }); ties are skipped",
        params: SuggestionParams,
        body: AcceptBody,
        response: { 200: AcceptResponse },
      },
    },
    async (request) => {
      const { accountId, channelId } = request.params;
      const body = request.body;
      return acceptSuggestions(app.db, {
        accountId,
        channelId,
        actorUserId: request.caller.userId,
        ...("accept" in body ? { accept: body.accept } : { allAboveScore: body.allAboveScore }),
      });
    },
  );
}
