import { exitOnStartupFailure, serve } from '@marquee/server-kit/serve';
import { routerService } from './service.ts';

// The router alone in this process (`npm run dev`, `marquee serve router`); it stops on SIGTERM
// or SIGINT after draining.
serve([routerService]).catch(exitOnStartupFailure);
