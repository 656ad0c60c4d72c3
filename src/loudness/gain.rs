//! ReplayGain 2.0 from a loudness: the gain that brings a track (or album)
//! to the reference of -18 LUFS, and the tag values as loudgain writes them.

/// ReplayGain 2.0's reference loudness, LUFS.
pub const REFERENCE_LUFS: f64 = -18.0;
/// Opus gains (R128_*_GAIN) are relative to EBU R128's -23 LUFS instead.
pub const OPUS_REFERENCE_LUFS: f64 = -23.0;

/// The gain in dB that brings `integrated` LUFS to the reference, or why
/// there is none.
pub fn replaygain_db(integrated: f64) -> Result<f64, String> {
    if integrated.is_finite() {
        Ok(REFERENCE_LUFS - integrated)
    } else {
        Err("silent (no audio above -70 LUFS): no gain".into())
    }
}

/// A linear peak in dB (dBTP for a true peak); `-inf` for none.
pub fn peak_db(peak: f64) -> f64 {
    if peak > 0.0 {
        20.0 * peak.log10()
    } else {
        f64::NEG_INFINITY
    }
}

/// `REPLAYGAIN_*_GAIN`'s value: "-7.52 dB".
pub fn gain_tag(db: f64) -> String {
    format!("{db:.2} dB")
}

/// `REPLAYGAIN_*_PEAK`'s value, linear: "0.988525".
pub fn peak_tag(peak: f64) -> String {
    format!("{peak:.6}")
}

/// `R128_*_GAIN`'s value for Opus: the gain to -23 LUFS in dB as a Q7.8
/// number (256ths of a dB), as RFC 7845 and loudgain have it.
pub fn opus_gain_tag(replaygain_db: f64) -> String {
    let db = replaygain_db + (OPUS_REFERENCE_LUFS - REFERENCE_LUFS);
    let q78 = (db * 256.0)
        .round()
        .clamp(f64::from(i16::MIN), f64::from(i16::MAX));
    format!("{}", q78 as i16)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gains_bring_tracks_to_minus_18_lufs() {
        assert!((replaygain_db(-10.48).expect("gain") + 7.52).abs() < 1e-12);
        assert!((replaygain_db(-25.0).expect("gain") - 7.0).abs() < 1e-12);
        let silent = replaygain_db(f64::NEG_INFINITY).expect_err("silence");
        assert!(silent.contains("silent"), "{silent}");
        assert!(replaygain_db(f64::NAN).is_err());
    }

    #[test]
    fn tag_values_are_written_as_loudgain_writes_them() {
        assert_eq!(gain_tag(-7.5249), "-7.52 dB");
        assert_eq!(gain_tag(2.0), "2.00 dB");
        assert_eq!(peak_tag(0.988_525_3), "0.988525");
        assert!((peak_db(0.1) + 20.0).abs() < 1e-12);
        assert_eq!(peak_db(0.0), f64::NEG_INFINITY);
        // -7.52 dB to -18 LUFS is -12.52 dB to -23 LUFS: -3205 in Q7.8.
        assert_eq!(opus_gain_tag(-7.52), "-3205");
        assert_eq!(opus_gain_tag(500.0), "32767");
    }
}
