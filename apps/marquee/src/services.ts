import { moviesService } from '@marquee/movies/service';
import { peopleService } from '@marquee/people/service';
import { recommendationsService } from '@marquee/recommendations/service';
import { reviewsService } from '@marquee/reviews/service';
import { routerService } from '@marquee/router/service';
import type { ServiceDefinition, ServiceName } from '@marquee/server-kit/serve';
import { usersService } from '@marquee/users/service';

/**
 * Every service, the router last (it fronts the others): the same definitions each workspace's
 * `src/index.ts` serves alone. Light: each loads its code only when built.
 */
export const services: readonly ServiceDefinition[] = [
  moviesService,
  peopleService,
  usersService,
  reviewsService,
  recommendationsService,
  routerService,
];

export function serviceNamed(name: ServiceName): ServiceDefinition {
  const found = services.find((service) => service.name === name);
  if (found === undefined) throw new Error(`unknown service ${name}`);
  return found;
}
