import { conventionRoutes } from "./convention/routes.js";
import { identityRoutes } from "./identity/routes.js";
import type { RouteModule } from "./platform/http/types.js";
import { organisationRoutes } from "./organisations/routes.js";
import { outboxRoutes } from "./platform/outboxRoutes.js";
import { backgroundJobsRoutes } from "./platform/backgroundJobsRoutes.js";
import { platformRoutes } from "./platform/platformRoutes.js";
import { privacyRoutes } from "./privacy/routes.js";
import { privacyRegisterRoutes } from "./privacy/registers/registerRoutes.js";
import { supportRoutes } from "./support/routes.js";
import { reviewRoutes } from "./review/routes.js";
import { listRoutes } from "./lists/routes.js";
import { indicatorRoutes } from "./indicators/indicatorRoutes.js";
import { directoryRoutes } from "./directory/routes.js";
import { retentionRoutes } from "./privacy/retention/retentionRoutes.js";
import { governanceRoutes } from "./governance/routes.js";
import { bookletRoutes } from "./pec/bookletRoutes.js";
import { romeRoutes } from "./rome/routes.js";
import { immersionRoutes } from "./immersion/routes.js";
import { pecRoutes } from "./pec/routes.js";

/** Every context's routes, registered by app.ts. */
export const routeModules: RouteModule[] = [platformRoutes, identityRoutes, privacyRoutes, outboxRoutes, organisationRoutes, conventionRoutes, reviewRoutes, supportRoutes, privacyRegisterRoutes, listRoutes, backgroundJobsRoutes, retentionRoutes, indicatorRoutes, directoryRoutes, governanceRoutes, romeRoutes, bookletRoutes, immersionRoutes, pecRoutes];
