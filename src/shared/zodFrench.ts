import { z } from "zod";

// Validation messages in French, for every schema shared by the API, the CLI and the web app.
z.config(z.locales.fr());
