/**
 * Figures as PNG images: charts (training curves, likelihood traces, bars, scatter plots, histograms with
 * fitted densities, density contours) drawn headless with XChart, and image grids drawn pixel by pixel.
 */
package org.latent4j.figures;
