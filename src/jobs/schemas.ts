// Request and response schemas of scheduled jobs.
import { z } from "zod";
import { PageQuery } from "../shared/pagination.ts";
import { jobKinds } from "./job-store.ts";

export const JobChannelParams = z.object({ accountId: z.string().min(1), channelId: z.string().min(1) });
export const JobParams = JobChannelParams.extend({ jobId: z.string().min(1) });

const Interval = z
  .number()
  .int()
  .min(10)
  .max(31 * 24 * 3600);
const Retries = z.number().int().min(0).max(10);

export const CreateJobBody = z
  .object({
    kind: z.enum(jobKinds),
    intervalSeconds: Interval,
    enabled: z.boolean().optional(),
    maxRetries: Retries.optional(),
  })
  .strict();

export const UpdateJobBody = z
  .object({
    intervalSeconds: Interval.optional(),
    enabled: z.boolean().optional(),
    maxRetries: Retries.optional(),
  })
  .strict();

export const JobResponse = z.object({
  id: z.string(),
  channelId: z.string(),
  kind: z.enum(jobKinds),
  intervalSeconds: z.number(),
  enabled: z.boolean(),
  nextRunAt: z.string(),
  lastRunAt: z.string().nullable(),
  lastOutcome: z.string().nullable(),
  lastError: z.string().nullable(),
  failures: z.number(),
  maxRetries: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const JobList = z.object({ items: z.array(JobResponse) });

export const JobRunResponse = z.object({
  id: z.string(),
  jobId: z.string(),
  trigger: z.string(),
  scheduledFor: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  outcome: z.string(),
  error: z.string().nullable(),
  result: z.unknown(),
});

export const JobRunPage = z.object({ items: z.array(JobRunResponse), nextCursor: z.string().nullable() });
export const JobRunQuery = PageQuery.strict();
