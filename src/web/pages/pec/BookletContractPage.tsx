import { useParams } from "react-router";
import { usePageTitle } from "../../usePageTitle";
import { BookletSection } from "./BookletSection";

/** The follow-up booklet of one PEC contract on its own page (the notifications of a contact asked for, of a pre-exit meeting, link here). */
export function BookletContractPage() {
  usePageTitle("Livret de suivi du contrat PEC");
  const { id = "" } = useParams();
  return (
    <>
      <h1>Livret de suivi du contrat PEC</h1>
      <BookletSection contractId={id} />
    </>
  );
}
