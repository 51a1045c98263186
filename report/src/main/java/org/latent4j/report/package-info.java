/**
 * Self-contained HTML reports: a run's configuration, its metrics and its figures (embedded as data URIs)
 * with a caption under each saying what it shows and how to read it.
 */
package org.latent4j.report;
