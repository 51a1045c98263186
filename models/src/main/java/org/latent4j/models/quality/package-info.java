/**
 * Sample-quality measures for generative models of images, on the features of a small classifier latent4j
 * trains itself ({@link org.latent4j.models.quality.ImageClassifier}, cached by
 * {@link org.latent4j.models.quality.ClassifierCache}): the Fréchet distance, the kernel (KID-style)
 * distance, the 1-nearest-neighbour two-sample accuracy and the class histogram ({@link
 * org.latent4j.models.quality.ImageQuality}).
 */
package org.latent4j.models.quality;
