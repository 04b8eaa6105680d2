import { Link } from 'wouter';
import { useQuery } from 'urql';
import { graphql } from '../__generated__/index.ts';
import { useAuth } from '../auth.tsx';
import { RecommendationGrid } from '../components/Recommendations.tsx';
import { useLiveRecommendations } from '../live.tsx';

const ForYouQuery = graphql(`
  query ForYou {
    me {
      id
      displayName
      recommendations(first: 20) {
        ...RecommendationFields
      }
    }
    trending(window: WEEK, first: 8) {
      ...RecommendationFields
    }
  }
`);

/** "For you": the signed-in user's recommendations with reasons, replaced in place by live updates. */
export function ForYouPage() {
  const { session } = useAuth();
  const live = useLiveRecommendations();
  const [{ data, error }] = useQuery({
    query: ForYouQuery,
    requestPolicy: 'cache-and-network',
    pause: session === null,
  });
  if (session === null)
    return (
      <p>
        <Link href="/login">Log in</Link> or <Link href="/signup">sign up</Link> and rate a few
        films to get recommendations.
      </p>
    );
  if (error) return <p role="alert">Could not load your recommendations: {error.message}</p>;
  if (data === undefined) return <p role="status">Loading…</p>;
  const recommendations = live?.recommendations ?? data.me?.recommendations ?? [];
  return (
    <>
      <h1>For you</h1>
      <p className="muted" role="status" data-testid="for-you-updated">
        {live === null
          ? 'Rate films and this list changes as you go.'
          : `Updated live at ${new Date(live.at).toLocaleTimeString()}.`}
      </p>
      <RecommendationGrid recommendations={recommendations} label="Recommended for you" />
      <h2>Trending this week</h2>
      <RecommendationGrid recommendations={data.trending} label="Trending this week" />
    </>
  );
}
