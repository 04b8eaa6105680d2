import { graphql, readFragment, type FragmentType } from '../__generated__/index.ts';

export const ReviewFields = graphql(`
  fragment ReviewFields on Review {
    id
    rating
    body
    createdAt
    sentiment {
      label
    }
    author {
      id
      displayName
    }
  }
`);

export function Reviews({ reviews }: { reviews: readonly FragmentType<typeof ReviewFields>[] }) {
  const list = reviews.map((review) => readFragment(ReviewFields, review));
  return (
    <section aria-labelledby="reviews-heading">
      <h2 id="reviews-heading">Reviews</h2>
      {list.length === 0 ? (
        <p>No reviews yet.</p>
      ) : (
        <ul className="reviews">
          {list.map((review) => (
            <li key={review.id}>
              <p className="review-meta">
                <strong>{review.author?.displayName ?? 'A former member'}</strong> rated it{' '}
                {review.rating} / 5 · {new Date(review.createdAt).toLocaleDateString()} ·{' '}
                {review.sentiment.label.toLowerCase()}
              </p>
              <p className="review-body">{review.body}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
