// The report's drawing code (viz/client/*.js) is written for the report page, which loads cytoscape
// as a classic script and embeds the graph styles as JSON. This module gives the playground the same
// things before that code is evaluated (main.ts imports it first), and the diagrams' stylesheet, so
// both pages draw with one implementation.
import cytoscape from 'cytoscape';
import dagre from 'cytoscape-dagre';
import { GRAPH_STYLES } from '../../viz/html/graph-styles.js';
import { GRAPH_CSS } from '../../viz/html/styles.js';

cytoscape.use(dagre);
(globalThis as { cytoscape?: typeof cytoscape }).cytoscape = cytoscape;

const styles = document.createElement('script');
styles.type = 'application/json';
styles.id = 'ldfi-graph-styles';
styles.textContent = JSON.stringify(GRAPH_STYLES);
document.head.append(styles);

// First in <head>: the playground's own stylesheet, after it, adjusts the shared rules to its layout.
const css = document.createElement('style');
css.textContent = GRAPH_CSS;
document.head.prepend(css);
