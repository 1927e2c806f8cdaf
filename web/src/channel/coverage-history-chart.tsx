// A channel's coverage over time: mapped and unmapped listings per day (one point is recorded
// each day the coverage is read), drawn as lines under the dashboard's bar chart.
import { LineChart } from "@mantine/charts";
import { Alert, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { ApiError, api, errorMessage } from "../api.ts";
import { accountPath } from "../session.tsx";

type Point = { day: string; total: number; mapped: number; unmapped: number };

export function CoverageHistoryChart(props: {
  accountId: string;
  channelId: string;
  channelName: string;
  enabled: boolean;
}) {
  const history = useQuery({
    // Under the "coverage" key, so whatever refreshes the coverage refreshes the history too.
    queryKey: ["coverage", props.accountId, props.channelId, "history"],
    enabled: props.enabled,
    queryFn: async (): Promise<Point[] | null> => {
      try {
        const answer = await api.get<{ items: Point[] }>(
          `${accountPath(props.accountId)}/channels/${props.channelId}/coverage/history?days=30`,
        );
        return answer.items;
      } catch (error) {
        if (error instanceof ApiError && error.missingRoute) return null;
        throw error;
      }
    },
  });
  if (history.error) return <Alert color="red">{errorMessage(history.error)}</Alert>;
  const points = history.data;
  if (!points) return null;
  return (
    <>
      <Text size="sm" fw={600} mt="md">
        Coverage over the last 30 days
      </Text>
      {points.length < 2 && (
        <Text size="xs" c="dimmed">
          A point is recorded each day the coverage is viewed; the line grows from today.
        </Text>
      )}
      <LineChart
        h={180}
        mt="xs"
        aria-label={`Coverage over time of ${props.channelName}`}
        data={points}
        dataKey="day"
        withLegend
        withDots={points.length < 2}
        series={[
          { name: "mapped", color: "teal.6" },
          { name: "unmapped", color: "gray.6" },
        ]}
      />
    </>
  );
}
