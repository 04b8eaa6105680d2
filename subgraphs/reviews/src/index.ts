import { exitOnStartupFailure, serve } from '@marquee/server-kit/serve';
import { reviewsService } from './service.ts';

// The reviews subgraph alone in this process (`npm run dev`, `marquee serve reviews`); it stops on
// SIGTERM or SIGINT after draining.
serve([reviewsService]).catch(exitOnStartupFailure);
