// HTTP routes of scheduled jobs: every member reads them and their history; admins create,
// change, delete and run them.
import { getChannel } from "../channels/get-channel.ts";
import type { App } from "../http/types.ts";
import { getJob, listJobs } from "./job-store.ts";
import { createJob, deleteJob, listJobRuns, updateJob } from "./manage-jobs.ts";
import { runJobNow } from "./run-job-now.ts";
import {
  CreateJobBody,
  JobChannelParams,
  JobList,
  JobParams,
  JobResponse,
  JobRunPage,
  JobRunQuery,
  JobRunResponse,
  UpdateJobBody,
} from "./schemas.ts";

const tags = ["jobs"];
const base = "/api/v1/accounts/:accountId/channels/:channelId/jobs";

export function registerJobRoutes(app: App) {
  app.get(
    base,
    {
      config: { minRole: "viewer" },
      schema: {
        tags,
        summary: "Scheduled jobs of a channel",
        params: JobChannelParams,
        response: { 200: JobList },
      },
    },
    async (request) => {
      const { accountId, channelId } = request.params;
      await getChannel(app.db, accountId, channelId);
      return { items: await listJobs(app.db, { accountId, channelId }) };
    },
  );

  app.post(
    base,
    {
      config: { minRole: "admin" },
      schema: {
        tags,
        summary: "Schedule a recurring product download, inventory push or product push (interval >= 10 s)",
        params: JobChannelParams,
        body: CreateJobBody,
        response: { 201: JobResponse },
      },
    },
    async (request, reply) => {
      const job = await createJob(app.db, { ...request.params, ...request.body });
      return reply.status(201).send(job);
    },
  );

  app.get(
    `${base}/:jobId`,
    {
      config: { minRole: "viewer" },
      schema: { tags, summary: "One scheduled job", params: JobParams, response: { 200: JobResponse } },
    },
    async (request) => getJob(app.db, request.params),
  );

  app.patch(
    `${base}/:jobId`,
    {
      config: { minRole: "admin" },
      schema: {
        tags,
        summary: "Change a job's interval, enabled flag or retry limit",
        params: JobParams,
        body: UpdateJobBody,
        response: { 200: JobResponse },
      },
    },
    async (request) => updateJob(app.db, { ...request.params, changes: request.body }),
  );

  app.delete(
    `${base}/:jobId`,
    {
      config: { minRole: "admin" },
      schema: { tags, summary: "Delete a job and its history", params: JobParams },
    },
    async (request, reply) => {
      await deleteJob(app.db, request.params);
      return reply.status(204).send();
    },
  );

  app.get(
    `${base}/:jobId/runs`,
    {
      config: { minRole: "viewer" },
      schema: {
        tags,
        summary: "Run history of a job, newest first",
        params: JobParams,
        querystring: JobRunQuery,
        response: { 200: JobRunPage },
      },
    },
    async (request) => listJobRuns(app.db, { ...request.params, ...request.query }),
  );

  app.post(
    `${base}/:jobId/run`,
    {
      config: { minRole: "admin" },
      schema: { tags, summary: "Run a job now", params: JobParams, response: { 200: JobRunResponse } },
    },
    async (request) => runJobNow(app.db, request.params),
  );
}
