/**
 * The release action: the checklist decides what "Release…" opens. With every criterion passing it opens
 * the signing dialog; otherwise a dialog naming the criteria that fail, with no signature to give. The
 * server still checks again when signing (the page may be stale: a result recorded meanwhile), and its
 * refusal, audited on its side, is shown with the criteria it found failing.
 */
import { Button, List, Modal, Stack, Text } from "@mantine/core";
import { useState } from "react";
import type { RuleResult } from "../../../contract/rules.js";
import { ApiError, type User, api } from "../../api";
import { SigningDialog, codeField, takeCode } from "../../components";

function Failing({ criteria }: { criteria: RuleResult[] }) {
  return (
    <List className="criteria failing">
      {criteria.map((c) => (
        <List.Item key={c.rule} className="fail">
          ✗ {c.rule}: {c.reason}
        </List.Item>
      ))}
    </List>
  );
}

export function ReleaseDialog({
  din,
  code,
  user,
  criteria,
  onDone,
}: {
  din: string;
  code: string | undefined;
  user: User;
  criteria: RuleResult[];
  onDone: () => void;
}) {
  // The criteria the server answered failing on a refused attempt; the refusal dialog stays open on them.
  const [refused, setRefused] = useState<RuleResult[] | null>(null);
  const [opened, setOpened] = useState(false);
  const failing = criteria.filter((c) => !c.passed);
  if (failing.length === 0 && refused === null)
    return (
      <SigningDialog
        opener="Release…"
        title={`Release: sign as ${user.printedName}, meaning "released"`}
        button="Sign and release"
        fields={[
          { name: "password", label: "Your password", type: "password", required: true },
          ...codeField(user),
        ]}
        onSubmit={async (form) => {
          const [body, secondFactor] = takeCode(form);
          try {
            await api.step(din, "release", body, code, secondFactor);
          } catch (e) {
            if (e instanceof ApiError && e.code === "RELEASE_CRITERIA_FAILED") {
              setRefused((e.details?.failures as RuleResult[] | undefined) ?? []);
              setOpened(true);
              onDone();
            }
            throw e;
          }
          onDone();
          return undefined;
        }}
      />
    );
  const close = () => {
    setOpened(false);
    setRefused(null);
  };
  return (
    <>
      <Button variant="outline" onClick={() => setOpened(true)}>
        Release…
      </Button>
      <Modal
        closeButtonProps={{ "aria-label": "Close the dialog" }}
        opened={opened}
        onClose={close}
        title={refused ? "Release refused by the server" : "Not ready for release"}
        size="md"
      >
        <Stack gap="sm" role={refused ? "alert" : undefined} className="release-blocked">
          {refused ? (
            <>
              <Text>
                The server checked again when you signed and refused the release (the refusal is in the audit
                trail). These criteria fail:
              </Text>
              <Failing criteria={refused} />
            </>
          ) : (
            <>
              <Text>The release is signed once every criterion passes. These fail now:</Text>
              <Failing criteria={failing} />
              <Text size="sm">Record the missing or new results, then release.</Text>
            </>
          )}
          <Button onClick={close} data-autofocus>
            Close
          </Button>
        </Stack>
      </Modal>
    </>
  );
}
