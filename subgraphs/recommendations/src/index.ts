import { exitOnStartupFailure, serve } from '@marquee/server-kit/serve';
import { recommendationsService } from './service.ts';

// The recommendations subgraph alone in this process (`npm run dev`, `marquee serve recommendations`); it stops on
// SIGTERM or SIGINT after draining.
serve([recommendationsService]).catch(exitOnStartupFailure);
