//! QR codes as inline SVG: a class link on a worksheet, the hall's pairing address on its big
//! screen. Drawn on the server, so a printed sheet needs no script and no outside service.

/// An SVG QR code of `text`, labelled for screen readers, or `None` if `text` is too long for
/// one (a URL never is).
pub fn svg(text: &str, label: &str) -> Option<String> {
    let code = qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::M).ok()?;
    let drawn = code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(160, 160)
        .quiet_zone(true)
        .build();
    // The renderer writes a standalone file; inside HTML the XML declaration has no place.
    let start = drawn.find("<svg")?;
    let label = label
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;");
    Some(drawn[start..].replacen(
        "<svg",
        &format!("<svg role=\"img\" aria-label=\"{label}\" class=\"qr\""),
        1,
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_code_is_an_inline_svg_with_its_label() {
        let svg = super::svg(
            "https://letopis.example.ru/class/K7M2QX",
            "Код <класса> & \"ссылка\"",
        )
        .expect("a URL fits");
        assert!(svg.starts_with(
            "<svg role=\"img\" aria-label=\"Код &lt;класса> &amp; &quot;ссылка&quot;\""
        ));
        assert!(!svg.contains("<?xml"));
        assert!(svg.contains("<path") || svg.contains("<rect"));
    }
}
