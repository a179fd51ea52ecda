import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connect } from './api';
import { ApiContext } from './api-context';
import { App } from './App';
import './styles.css';

// Picks preload's bridge or the HTTP bridge once, before anything renders (and takes the token
// out of the address bar).
const client = connect();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <ApiContext value={client}>
      <App />
    </ApiContext>
  </StrictMode>,
);
