/** The excursions of a shipment's log in words: when, how far out (the worst reading), how many readings. */
import { List, Text } from "@mantine/core";
import type { Excursion } from "../../../bank/schemas.js";
import { whenExact } from "../../components";

export function ExcursionList({ excursions }: { excursions: Excursion[] }) {
  if (excursions.length === 0)
    return (
      <Text className="ok" data-excursions="0">
        No excursion: every reading within the limits.
      </Text>
    );
  return (
    <div data-excursions={excursions.length}>
      <Text className="error" fw={600}>
        {excursions.length === 1 ? "1 excursion" : `${excursions.length} excursions`} outside the limits:
      </Text>
      <List className="excursions">
        {excursions.map((x) => (
          <List.Item key={x.from}>
            {whenExact(x.from)}
            {x.to !== x.from ? ` to ${whenExact(x.to)}` : ""}: worst {x.worstCelsius} °C ({x.readings}{" "}
            {x.readings === 1 ? "reading" : "readings"})
          </List.Item>
        ))}
      </List>
    </div>
  );
}
