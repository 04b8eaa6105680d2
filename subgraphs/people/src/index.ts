import { exitOnStartupFailure, serve } from '@marquee/server-kit/serve';
import { peopleService } from './service.ts';

// The people subgraph alone in this process (`npm run dev`, `marquee serve people`); it stops on
// SIGTERM or SIGINT after draining.
serve([peopleService]).catch(exitOnStartupFailure);
