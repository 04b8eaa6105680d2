import { serve, type ServiceName } from '@marquee/server-kit/serve';
import { serviceNamed } from '../services.ts';

/** One service per process (services mode: docker-compose, scaled deployments, e2e tests). */
export async function serveCommand(name: ServiceName): Promise<void> {
  await serve([serviceNamed(name)], { command: `marquee serve ${name}` });
}
