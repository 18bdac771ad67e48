// The report's drawing code (viz/client/graphs.js) is written for the report page, which loads
// cytoscape as a classic script and embeds the graph styles as JSON. This module gives the playground
// the same two things before graphs.js is evaluated (main.ts imports it first), so both pages draw
// with one implementation.
import cytoscape from 'cytoscape';
import dagre from 'cytoscape-dagre';
import { GRAPH_STYLES } from '../../viz/html/graph-styles.js';

cytoscape.use(dagre);
(globalThis as { cytoscape?: typeof cytoscape }).cytoscape = cytoscape;

const styles = document.createElement('script');
styles.type = 'application/json';
styles.id = 'ldfi-graph-styles';
styles.textContent = JSON.stringify(GRAPH_STYLES);
document.head.append(styles);
