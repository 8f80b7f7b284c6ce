import { addDisplayTranslations } from "@codegouvfr/react-dsfr/Display";
import { startReactDsfr } from "@codegouvfr/react-dsfr/spa";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter, Link } from "react-router";
import { App } from "./App";
import { SessionProvider } from "./session";

startReactDsfr({ defaultColorScheme: "system", Link });
// French typography: the library writes a straight apostrophe.
addDisplayTranslations({ lang: "fr", messages: { "display settings": "Paramètres d’affichage" } });

declare module "@codegouvfr/react-dsfr/spa" {
  interface RegisterLink {
    Link: typeof Link;
  }
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <BrowserRouter>
      <SessionProvider>
        <App />
      </SessionProvider>
    </BrowserRouter>
  </StrictMode>,
);
