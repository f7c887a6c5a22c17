using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using System.Xml.Linq;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace ArazzoGen.Tests.Conformance;

/// <summary>
/// Compares the requests a server received with a case's expected trace. Returns every difference in words; an
/// empty list means the trace matches. Headers not named by the case are not checked, since clients add their own.
/// </summary>
public static class TraceMatcher
{
    public static IReadOnlyList<string> Compare(
        IReadOnlyList<ExpectedRequest> expected,
        IReadOnlyList<RecordedRequest> actual)
    {
        var problems = new List<string>();
        if (expected.Count != actual.Count)
        {
            problems.Add(Invariant($"expected {expected.Count} requests, the server received {actual.Count}"));
        }

        for (var i = 0; i < Math.Min(expected.Count, actual.Count); i++)
        {
            foreach (var problem in CompareOne(expected[i], actual[i]))
            {
                problems.Add(Invariant($"request {i + 1} ({actual[i].Method} {actual[i].Target}): {problem}"));
            }
        }

        for (var i = expected.Count; i < actual.Count; i++)
        {
            problems.Add(Invariant($"unexpected request {i + 1}: {actual[i]}"));
        }

        return problems;
    }

    private static IEnumerable<string> CompareOne(ExpectedRequest expected, RecordedRequest actual)
    {
        if (!string.Equals(expected.Method, actual.Method, StringComparison.OrdinalIgnoreCase))
        {
            yield return $"method {actual.Method}, expected {expected.Method}";
        }

        if (expected.Target != actual.Target)
        {
            yield return $"target {actual.Target}, expected {expected.Target}";
        }

        foreach (var (name, value) in expected.Headers)
        {
            actual.Headers.TryGetValue(name, out var sent);
            if (value != sent)
            {
                yield return sent is null
                    ? $"header {name} missing, expected '{value}'"
                    : $"header {name} is '{sent}', expected {(value is null ? "none" : "'" + value + "'")}";
            }
        }

        foreach (var problem in CompareBody(expected.Body, actual))
        {
            yield return problem;
        }
    }

    private static IEnumerable<string> CompareBody(ExpectedBody? expected, RecordedRequest actual)
    {
        if (expected is null)
        {
            if (actual.Body.Length > 0)
            {
                yield return "a body was sent where none was expected: " + actual.Body;
            }

            yield break;
        }

        actual.Headers.TryGetValue("Content-Type", out var contentType);
        if (expected.ContentType is { } media && !string.Equals(
                media, MediaType(contentType), StringComparison.OrdinalIgnoreCase))
        {
            yield return $"Content-Type '{contentType}', expected {media}";
        }

        var problem = BodyProblem(expected, actual.Body, contentType);
        if (problem is not null)
        {
            yield return problem;
        }
    }

    private static string? BodyProblem(ExpectedBody expected, string body, string? contentType)
    {
        try
        {
            if (expected.Json is { } json)
            {
                using var sent = JsonDocument.Parse(body);
                return JsonElement.DeepEquals(json, sent.RootElement)
                    ? null
                    : $"JSON body {body}, expected {json.GetRawText()}";
            }

            if (expected.Form is { } form)
            {
                var pairs = ParseForm(body);
                return pairs.SequenceEqual(form.Select(p => (p[0], p[1])))
                    ? null
                    : $"form body {body}, expected {string.Join("&", form.Select(p => p[0] + "=" + p[1]))}";
            }

            if (expected.Multipart is { } parts)
            {
                return MultipartProblem(parts, body, contentType);
            }

            if (expected.Xml is { } xml)
            {
                return XNode.DeepEquals(Normalize(XDocument.Parse(xml)), Normalize(XDocument.Parse(body)))
                    ? null
                    : $"XML body {body}, expected {xml}";
            }

            return expected.Text == body ? null : $"body '{body}', expected '{expected.Text}'";
        }
        catch (Exception ex) when (ex is JsonException or System.Xml.XmlException or InvalidDataException
                                       or IOException or FormatException)
        {
            return $"the body could not be read ({ex.Message}): {body}";
        }
    }

    private static List<(string, string)> ParseForm(string body)
        => body.Length == 0
            ? new List<(string, string)>()
            : body.Split('&').Select(pair =>
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var name = equals < 0 ? pair : pair.Substring(0, equals);
                var value = equals < 0 ? string.Empty : pair.Substring(equals + 1);
                return (Decode(name), Decode(value));
            }).ToList();

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    private static string? MultipartProblem(List<ExpectedPart> expected, string body, string? contentType)
    {
        var boundary = contentType is null ? null : HeaderUtilities.RemoveQuotes(
            MediaTypeHeaderValue.Parse(contentType).Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            return $"multipart body without a boundary in Content-Type '{contentType}'";
        }

        var sent = ReadParts(boundary, body).GetAwaiter().GetResult();
        var wanted = expected.Select(p => (p.Name, p.Value, p.ContentType)).ToList();
        var matches = sent.Count == wanted.Count && sent.Zip(wanted).All(pair =>
            pair.First.Name == pair.Second.Name && pair.First.Value == pair.Second.Value
            && (pair.Second.ContentType is null || string.Equals(
                pair.First.ContentType, pair.Second.ContentType, StringComparison.OrdinalIgnoreCase)));
        return matches
            ? null
            : "multipart parts " + string.Join(", ", sent.Select(p => $"{p.Name}={p.Value} ({p.ContentType})"))
              + ", expected " + string.Join(", ", wanted.Select(p => $"{p.Name}={p.Value} ({p.ContentType})"));
    }

    private static async Task<List<(string Name, string Value, string? ContentType)>> ReadParts(
        string boundary,
        string body)
    {
        var reader = new MultipartReader(boundary, new MemoryStream(Encoding.UTF8.GetBytes(body)));
        var parts = new List<(string, string, string?)>();
        while (await reader.ReadNextSectionAsync().ConfigureAwait(false) is { } section)
        {
            var disposition = ContentDispositionHeaderValue.Parse(section.ContentDisposition);
            using var text = new StreamReader(section.Body);
            var value = await text.ReadToEndAsync().ConfigureAwait(false);
            parts.Add((HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty, value,
                MediaType(section.ContentType)));
        }

        return parts;
    }

    private static XElement Normalize(XDocument document) => new(document.Root!);

    private static string? MediaType(string? contentType)
        => contentType?.Split(';')[0].Trim();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
