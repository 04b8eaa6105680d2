import { exitOnStartupFailure, serve } from '@marquee/server-kit/serve';
import { moviesService } from './service.ts';

// The movies subgraph alone in this process (`npm run dev`, `marquee serve movies`); it stops on
// SIGTERM or SIGINT after draining.
serve([moviesService]).catch(exitOnStartupFailure);
