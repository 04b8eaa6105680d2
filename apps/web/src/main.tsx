import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { AuthProvider } from './auth.tsx';
import { LiveRecommendations } from './live.tsx';
import './styles.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html lacks #root');
createRoot(root).render(
  <StrictMode>
    <AuthProvider>
      <LiveRecommendations>
        <App />
      </LiveRecommendations>
    </AuthProvider>
  </StrictMode>,
);
