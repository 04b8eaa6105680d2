import { exitOnStartupFailure, serve } from '@marquee/server-kit/serve';
import { usersService } from './service.ts';

// The users subgraph alone in this process (`npm run dev`, `marquee serve users`); it stops on
// SIGTERM or SIGINT after draining.
serve([usersService]).catch(exitOnStartupFailure);
