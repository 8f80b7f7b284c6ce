import { PasswordInput } from "@codegouvfr/react-dsfr/blocks/PasswordInput";
import { useState } from "react";
import { useFieldError } from "../../components/CommandForm";
import { PASSWORD_HINT, passwordRules } from "./passwordMessages";

/**
 * A password field of a CommandForm: its problem (the contract's, or the server's refusal: too
 * short, too common, built on the person's name…) right under it; a new password also lists the
 * rules it must follow, ticked as they are met.
 */
export function PasswordField({ label, name, autoComplete }: { label: string; name: string; autoComplete: "current-password" | "new-password" }) {
  const message = useFieldError(name, name);
  const [value, setValue] = useState("");
  const isNew = autoComplete === "new-password";
  return (
    <PasswordInput
      label={label}
      messagesHint={isNew ? PASSWORD_HINT : ""}
      messages={[...(isNew ? passwordRules(value) : []), ...(message ? [{ severity: "error" as const, message }] : [])]}
      nativeInputProps={{ name, autoComplete, required: true, onChange: (e) => setValue(e.target.value) }}
    />
  );
}
