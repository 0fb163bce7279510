/** Reagent and supply lots and equipment (issue 18): the lab receives and defines, quality decides. */
import { Title } from "@mantine/core";
import { Equipment } from "./materials/Equipment";
import { Lots } from "./materials/Lots";

export function Materials() {
  return (
    <section>
      <Title order={1}>Materials and equipment</Title>
      <Lots />
      <Equipment />
    </section>
  );
}
