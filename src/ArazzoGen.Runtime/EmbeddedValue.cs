using System.Text;
using System.Text.Json;

namespace ArazzoGen.Runtime;

/// <summary>
/// An expression embedded in a request-body string template, made safe for where it stands: generated code calls
/// these between the template's literal parts, so a value can never change the structure the template wrote.
/// </summary>
public static class EmbeddedValue
{
    /// <summary>Inside a JSON string literal: the value's text, JSON-escaped, without quotes.</summary>
    public static string JsonString(ArazzoValue value)
        => JsonEncodedText.Encode(CompactJson.Text(value)).Value;

    /// <summary>Where a JSON template expects a value: the value as JSON (a missing value is <c>null</c>).</summary>
    public static string Json(ArazzoValue value) => CompactJson.Write(value);

    /// <summary>
    /// In XML text or an attribute value: the value's text with <c>&amp; &lt; &gt; " '</c> escaped, and line breaks and
    /// tabs as character references, which an XML parser would otherwise normalize away in attributes.
    /// </summary>
    public static string Xml(ArazzoValue value)
    {
        var text = CompactJson.Text(value);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => builder.Append("&amp;"),
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                '"' => builder.Append("&quot;"),
                '\'' => builder.Append("&apos;"),
                '\r' => builder.Append("&#xD;"),
                '\n' => builder.Append("&#xA;"),
                '\t' => builder.Append("&#x9;"),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }

    /// <summary>In an <c>application/x-www-form-urlencoded</c> template: the value's text, form-encoded.</summary>
    public static string Form(ArazzoValue value) => PercentEncoding.FormEncode(CompactJson.Text(value));
}
