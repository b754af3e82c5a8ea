import { createAdapter } from "@socket.io/redis-streams-adapter";
import { createClient } from "redis";
import type { Log } from "../log.ts";

/**
 * With REDIS_URL, socket.io's rooms span every node: an emit to a room reaches its
 * sockets whichever node holds them, and `fetchSockets` and `serverSideEmit` ask all
 * nodes (decision 0045). Redis Streams, not plain pub/sub: a node that loses Redis for a
 * moment reads on from where it was and misses nothing.
 */
export async function connectNodes(redis: { url: string; prefix: string }, log: Log) {
  const client = createClient({ url: redis.url });
  // The client reconnects by itself; until it is back, other nodes' sockets hear nothing from this one.
  let down = false;
  client.on("error", (error: unknown) => {
    if (!down) log.error({ err: error }, "Redis is not reachable: other nodes' screens miss this node's events");
    down = true;
  });
  client.on("ready", () => {
    if (down) log.info("Redis is reachable again");
    down = false;
  });
  await client.connect();
  return {
    adapter: createAdapter(client, {
      streamName: `${redis.prefix}:socket.io`,
      channelPrefix: `${redis.prefix}:socket.io`,
      sessionKeyPrefix: `${redis.prefix}:socket.io:session:`,
    }),
    close: () => client.close(),
  };
}
