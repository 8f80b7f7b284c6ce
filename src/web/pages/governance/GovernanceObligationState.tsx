import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Link } from "react-router";
import type { ObligationDto } from "../../../shared/contracts/convention";
import { SLOT_STATE_SEVERITY } from "./governanceApi";

/** A governance meeting due, in the obligations calendar (ADR 0034): its state, and its meeting when there is one. */
export function GovernanceObligationState({ governance }: { governance: NonNullable<ObligationDto["governance"]> }) {
  return (
    <>
      {" "}
      <Badge small noIcon severity={SLOT_STATE_SEVERITY[governance.state]}>
        {governance.stateLabel}
      </Badge>
      {governance.meetingId && (
        <>
          {" "}
          <Link to={`/gouvernance/reunions/${governance.meetingId}`}>Voir la réunion</Link>
        </>
      )}
    </>
  );
}
