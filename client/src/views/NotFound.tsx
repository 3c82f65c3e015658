/** @module Any path the client does not know. */
import { Link } from '../components/Link.js';

export default function NotFound() {
  return (
    <main className="page" id="main">
      <h1>Page not found</h1>
      <p>
        <Link to="/">Go to the overview</Link>
      </p>
    </main>
  );
}
