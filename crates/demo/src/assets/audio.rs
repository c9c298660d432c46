//! Speech-like recordings: not words, but sound that rises and falls like a voice exactly where
//! the transcript says someone speaks, so a player's waveform visibly matches its captions.

use std::f32::consts::PI;
use std::io::Cursor;

use fastrand::Rng;

/// 11 025 Hz mono 16-bit PCM: every browser plays it, speech needs nothing above 5 kHz, and a
/// minute is about 1.3 MB.
pub const SAMPLE_RATE: u32 = 11_025;

/// Characters per second of unhurried speech, used to size utterances from their text.
const CHARS_PER_SECOND: f32 = 14.0;

/// One stretch of speech within a recording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Utterance {
    pub start_ms: u32,
    pub end_ms: u32,
}

/// Lays out one utterance per text: durations follow text length, separated by pauses of
/// 0.4–1.5 s, with a little silence before the first and after the last. Returns the
/// utterances and the total length in milliseconds.
pub fn plan_utterances(texts: &[&str], seed: u64) -> (Vec<Utterance>, u32) {
    let mut rng = Rng::with_seed(seed);
    let mut t = rng.u32(400..=900);
    let mut out = Vec::with_capacity(texts.len());
    for (i, text) in texts.iter().enumerate() {
        if i > 0 {
            t += rng.u32(400..=1500);
        }
        let chars = text.chars().count() as f32;
        // ±10 % so equal texts do not give a metronome; a floor keeps «Да.» audible.
        let ms = (chars / CHARS_PER_SECOND * 1000.0 * (0.9 + 0.2 * rng.f32())).max(600.0);
        let end = t + ms as u32;
        out.push(Utterance {
            start_ms: t,
            end_ms: end,
        });
        t = end;
    }
    (out, t + rng.u32(500..=1000))
}

/// Renders a WAV file of `total_ms` with a voice during each utterance and faint room tone
/// (hiss, rumble, mains hum, like an old tape) everywhere else.
pub fn synth_voice_wav(utterances: &[Utterance], total_ms: u32, seed: u64) -> Vec<u8> {
    let mut rng = Rng::with_seed(seed);
    let mut samples = vec![0f32; ms_to_samples(total_ms)];
    room_tone(&mut samples, &mut rng);
    // One speaker per recording: a lower or a higher voice.
    let base_f0 = if rng.bool() {
        rng.f32() * 30.0 + 105.0
    } else {
        rng.f32() * 40.0 + 180.0
    };
    for u in utterances {
        let start = ms_to_samples(u.start_ms).min(samples.len());
        let end = ms_to_samples(u.end_ms).min(samples.len());
        if end > start {
            speak(&mut samples[start..end], base_f0, &mut rng);
        }
    }
    encode_wav(&samples)
}

/// The same WAV with `[from_ms, to_ms)` silent: the public copy of a recording with a closed
/// stretch (the studio makes such copies of uploads; the demo makes its own from its synthesis).
pub fn silence_wav(wav: &[u8], from_ms: u32, to_ms: u32) -> Vec<u8> {
    // The input is this module's own output, so reading it cannot fail.
    let mut reader =
        hound::WavReader::new(Cursor::new(wav)).expect("a WAV made by synth_voice_wav");
    let (from, to) = (ms_to_samples(from_ms), ms_to_samples(to_ms));
    let samples: Vec<f32> = reader
        .samples::<i16>()
        .enumerate()
        .map(|(i, s)| {
            if (from..to).contains(&i) {
                0.0
            } else {
                // Back through tanh's inverse so that encode_wav writes the same value again.
                (f32::from(s.unwrap_or(0)) / f32::from(i16::MAX))
                    .clamp(-0.999, 0.999)
                    .atanh()
            }
        })
        .collect();
    encode_wav(&samples)
}

fn ms_to_samples(ms: u32) -> usize {
    (u64::from(ms) * u64::from(SAMPLE_RATE) / 1000) as usize
}

fn encode_wav(samples: &[f32]) -> Vec<u8> {
    let spec = hound::WavSpec {
        channels: 1,
        sample_rate: SAMPLE_RATE,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let mut cursor = Cursor::new(Vec::with_capacity(44 + samples.len() * 2));
    // Writing PCM into a Vec cannot fail for this fixed, valid spec; hound only reports I/O
    // errors and oversize (> 4 GiB) files, neither of which an in-memory demo clip reaches.
    let mut writer = hound::WavWriter::new(&mut cursor, spec).expect("valid WAV spec");
    for &s in samples {
        // tanh is a gentle limiter: peaks round off instead of wrapping around.
        let v = (s.tanh() * f32::from(i16::MAX)) as i16;
        writer.write_sample(v).expect("in-memory write");
    }
    writer.finalize().expect("in-memory write");
    cursor.into_inner()
}

/// White noise in -1..1.
fn white(rng: &mut Rng) -> f32 {
    rng.f32() * 2.0 - 1.0
}

fn room_tone(out: &mut [f32], rng: &mut Rng) {
    let mut rumble = 0f32;
    let hum_phase = rng.f32() * 2.0 * PI;
    for (i, s) in out.iter_mut().enumerate() {
        rumble = rumble * 0.98 + white(rng) * 0.02;
        let t = i as f32 / SAMPLE_RATE as f32;
        let hum = (2.0 * PI * 50.0 * t + hum_phase).sin() * 0.0025
            + (2.0 * PI * 100.0 * t + hum_phase).sin() * 0.001;
        *s += white(rng) * 0.003 + rumble * 0.03 + hum;
    }
}

/// One syllable: a vowel (two formants) with an optional consonant burst at its start.
struct Syllable {
    start: usize,
    len: usize,
    amp: f32,
    f1: f32,
    f2: f32,
    pitch: f32,
    burst: usize,
}

fn plan_syllables(len: usize, rng: &mut Rng) -> Vec<Syllable> {
    // Vowel formants (F1, F2) roughly for а, о, у, э, и, ы.
    const VOWELS: [(f32, f32); 6] = [
        (750.0, 1300.0),
        (500.0, 900.0),
        (320.0, 750.0),
        (550.0, 1750.0),
        (300.0, 2200.0),
        (350.0, 1550.0),
    ];
    let sr = SAMPLE_RATE as f32;
    let mut out = Vec::new();
    let mut t = 0usize;
    while t < len {
        // 4–6.5 syllables a second.
        let dur = ((0.15 + rng.f32() * 0.1) * sr) as usize;
        let (f1, f2) = VOWELS[rng.usize(..VOWELS.len())];
        out.push(Syllable {
            start: t,
            len: dur,
            amp: 0.55 + rng.f32() * 0.45,
            f1: f1 * (0.92 + rng.f32() * 0.16),
            f2: f2 * (0.92 + rng.f32() * 0.16),
            pitch: 0.94 + rng.f32() * 0.14,
            burst: if rng.f32() < 0.6 {
                ((0.02 + rng.f32() * 0.03) * sr) as usize
            } else {
                0
            },
        });
        t += dur;
        // Gaps between words.
        if rng.f32() < 0.2 {
            t += ((0.05 + rng.f32() * 0.08) * sr) as usize;
        }
    }
    out
}

fn speak(out: &mut [f32], base_f0: f32, rng: &mut Rng) {
    let sr = SAMPLE_RATE as f32;
    let len = out.len();
    let syllables = plan_syllables(len, rng);
    let fade = (0.03 * sr) as usize;
    let wobble_phase = rng.f32() * 2.0 * PI;
    let mut phase = 0f32;
    let mut f0 = base_f0;
    let (mut f1, mut f2) = (500f32, 1500f32);
    let mut prev_noise = 0f32;
    let mut weights = [0f32; 48];
    let mut harmonics = 0usize;
    let mut syl_idx = 0usize;

    for (i, s) in out.iter_mut().enumerate() {
        while syl_idx + 1 < syllables.len() && i >= syllables[syl_idx + 1].start {
            syl_idx += 1;
        }
        let Some(syl) = syllables.get(syl_idx) else {
            break;
        };
        let pos = i.saturating_sub(syl.start);
        // Between the end of a syllable and the next one (a word gap) the voice rests.
        let env = if pos < syl.len {
            let p = pos as f32 / syl.len as f32;
            syl.amp * (0.12 + 0.88 * (PI * p).sin().powf(1.5))
        } else {
            0.0
        };
        let edge = (i.min(len - i) as f32 / fade as f32).min(1.0);
        let t = i as f32 / sr;
        let progress = i as f32 / len as f32;

        // Pitch: falls across the phrase, wanders slowly, steps a little per syllable; the
        // one-pole glide keeps steps from sounding like a synthesizer.
        let target = base_f0
            * syl.pitch
            * (1.1 - 0.2 * progress)
            * (1.0 + 0.05 * (2.0 * PI * 0.8 * t + wobble_phase).sin());
        f0 += (target - f0) * 0.002;
        f1 += (syl.f1 - f1) * 0.004;
        f2 += (syl.f2 - f2) * 0.004;

        // Harmonic weights change slowly, so recompute them every 64 samples only.
        if i % 64 == 0 {
            harmonics = ((3800.0 / f0) as usize).min(weights.len());
            for (k, w) in weights.iter_mut().enumerate().take(harmonics) {
                let f = (k + 1) as f32 * f0;
                let res = |center: f32, bw: f32| 1.0 / (1.0 + ((f - center) / bw).powi(2));
                *w = (0.15 + res(f1, 90.0) + 0.7 * res(f2, 130.0) + 0.3 * res(2600.0, 200.0))
                    / (k + 1) as f32;
            }
        }
        phase = (phase + 2.0 * PI * f0 / sr) % (2.0 * PI);
        // sin(kθ) by the Chebyshev recurrence: one sin/cos per sample instead of one per harmonic.
        let (s1, c1) = phase.sin_cos();
        let (mut prev, mut cur) = (0f32, s1);
        let mut voiced = 0f32;
        for w in &weights[..harmonics] {
            voiced += w * cur;
            let next = 2.0 * c1 * cur - prev;
            prev = cur;
            cur = next;
        }

        let noise = white(rng);
        let hiss = noise - prev_noise; // a crude high-pass: consonants are bright
        prev_noise = noise;
        let (voice_gain, burst) = if pos < syl.burst {
            (0.25, hiss * 0.35 * (1.0 - pos as f32 / syl.burst as f32))
        } else {
            (1.0, 0.0)
        };
        *s += edge * (env * (voiced * 0.55 * voice_gain + noise * 0.02) + burst * syl.amp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rms(samples: &[i16]) -> f64 {
        let sum: f64 = samples.iter().map(|&s| f64::from(s).powi(2)).sum();
        (sum / samples.len().max(1) as f64).sqrt()
    }

    fn decode(wav: &[u8]) -> (hound::WavSpec, Vec<i16>) {
        let mut reader = hound::WavReader::new(Cursor::new(wav)).unwrap();
        let spec = reader.spec();
        let samples = reader
            .samples::<i16>()
            .collect::<Result<Vec<_>, _>>()
            .unwrap();
        (spec, samples)
    }

    #[test]
    fn plan_follows_text_length_with_pauses() {
        let texts = [
            "Мы жили на Садовой улице, у самой реки.",
            "Да.",
            "Когда объявили войну, отец ушёл на фронт в первую же неделю, а мы остались с мамой.",
        ];
        let (utts, total) = plan_utterances(&texts, 7);
        assert_eq!(utts.len(), 3);
        for (u, text) in utts.iter().zip(texts) {
            let expected = text.chars().count() as f32 / CHARS_PER_SECOND * 1000.0;
            let got = (u.end_ms - u.start_ms) as f32;
            assert!(
                got >= 600.0 && (got >= expected * 0.89 || expected < 600.0),
                "{got} vs {expected}"
            );
            assert!(got <= (expected * 1.11).max(600.0));
        }
        for pair in utts.windows(2) {
            let pause = pair[1].start_ms - pair[0].end_ms;
            assert!((400..=1500).contains(&pause), "{pause}");
        }
        assert!(total > utts[2].end_ms);
        assert_eq!(plan_utterances(&texts, 7), (utts, total));
    }

    #[test]
    fn wav_is_playable_has_right_length_and_speech_where_planned() {
        let texts = [
            "Немцы вошли в город в октябре.",
            "Школу закрыли, в ней стоял госпиталь.",
            "Мама работала там санитаркой до самой весны.",
        ];
        let (utts, total) = plan_utterances(&texts, 11);
        let wav = synth_voice_wav(&utts, total, 11);
        let (spec, samples) = decode(&wav);
        assert_eq!(spec.channels, 1);
        assert_eq!(spec.sample_rate, SAMPLE_RATE);
        let duration_ms = samples.len() as f64 * 1000.0 / f64::from(SAMPLE_RATE);
        assert!((duration_ms - f64::from(total)).abs() <= f64::from(total) * 0.01);

        let slice = |a: u32, b: u32| &samples[ms_to_samples(a)..ms_to_samples(b)];
        let speech: Vec<f64> = utts
            .iter()
            .map(|u| rms(slice(u.start_ms + 100, u.end_ms - 100)))
            .collect();
        let mut pauses = vec![rms(slice(0, utts[0].start_ms - 50))];
        pauses.extend(
            utts.windows(2)
                .map(|p| rms(slice(p[0].end_ms + 50, p[1].start_ms - 50))),
        );
        let loudest_pause = pauses.iter().copied().fold(0.0, f64::max);
        for s in speech {
            assert!(
                s > loudest_pause * 5.0,
                "speech {s} vs pause {loudest_pause}"
            );
        }
        // Room tone, not digital silence.
        assert!(loudest_pause > 10.0);
    }

    #[test]
    fn speech_has_syllable_rate_bursts() {
        let utts = [Utterance {
            start_ms: 0,
            end_ms: 4000,
        }];
        let (_, samples) = decode(&synth_voice_wav(&utts, 4000, 3));
        // RMS in 20 ms frames; count rises through the mid level (one per syllable).
        let frame = ms_to_samples(20);
        let env: Vec<f64> = samples.chunks(frame).map(rms).collect();
        let mid = env.iter().sum::<f64>() / env.len() as f64;
        let rises = env.windows(2).filter(|w| w[0] < mid && w[1] >= mid).count();
        // 4 s at 4–6.5 syllables per second, minus merged ones.
        assert!((10..=28).contains(&rises), "{rises} rises");
    }

    #[test]
    fn deterministic_and_compact() {
        let (utts, total) = plan_utterances(&["Раз, два, три."; 1], 5);
        assert_eq!(
            synth_voice_wav(&utts, total, 5),
            synth_voice_wav(&utts, total, 5)
        );
        assert_ne!(
            synth_voice_wav(&utts, total, 5),
            synth_voice_wav(&utts, total, 6)
        );
        let minute = synth_voice_wav(&[], 60_000, 1);
        assert!(minute.len() < 1_500_000, "{}", minute.len());
    }
}
