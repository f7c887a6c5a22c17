using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using ArazzoGen.Diagnostics;
using ArazzoGen.Infrastructure;
using ArazzoGen.Tests.Support;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ArazzoGen.Tests.Diagnostics;

/// <summary>
/// One case per file in Diagnostics/Cases: a small document whose header says which diagnostics the real generator
/// must report and exactly where. Every id of the catalogue has at least one case, so a change that moves a span or
/// loses a diagnostic fails here by name. The format is described in Diagnostics/Cases/README.md.
/// </summary>
public class DiagnosticCaseTests
{
    /// <summary>Ids no document can provoke; each has its own test in this class.</summary>
    // ARZ0039 concerns MSBuild settings, which a case document cannot carry: BuildSettingsTests covers it.
    private static readonly string[] CoveredByUnitTests = { "ARZ0017", "ARZ0039" };

    private static readonly Regex Expect = new(
        @"^expect:\s+(?<id>ARZ\d{4})(?:\s+in\s+(?<file>\S+))?\s+at\s+(?<at>\S+)(?:\s+also\s+(?<also>\S+))?\s*$",
        RegexOptions.CultureInvariant);

    private static readonly Regex Position = new(
        @"^(?<line>\d+):(?<col>\d+)(?:-(?:(?<endLine>\d+):)?(?<endCol>\d+))?$",
        RegexOptions.CultureInvariant);

    private static string CasesFolder => Path.Combine(AppContext.BaseDirectory, "Diagnostics", "Cases");

    public static IEnumerable<object[]> Cases()
        => CaseNames().Select(name => new object[] { name });

    private static IEnumerable<string> CaseNames()
        => Directory.EnumerateFiles(CasesFolder)
            .Select(Path.GetFileName)
            .Where(name => name!.StartsWith("ARZ", StringComparison.Ordinal)
                && !name.EndsWith(".expect", StringComparison.Ordinal))
            .OrderBy(name => name, StringComparer.Ordinal)!;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_reports_exactly_its_expected_diagnostics_at_their_spans(string caseName)
    {
        var (expectations, supportFiles) = ReadHeader(caseName);
        Assert.NotEmpty(expectations);
        var files = new List<AdditionalText> { Virtual(caseName, Path.Combine(CasesFolder, caseName)) };
        files.AddRange(supportFiles.Select(f => Virtual(f, Path.Combine(CasesFolder, "files", f))));

        var (result, _, _) = GeneratorHarness.Run(files.ToImmutableArray());

        Assert.Null(result.Exception);
        var actual = result.Diagnostics.ToList();
        var unmatched = new List<Diagnostic>(actual);
        var missing = new List<string>();
        foreach (var expected in expectations)
        {
            var hit = unmatched.FirstOrDefault(expected.Matches);
            if (hit is null)
            {
                missing.Add(expected.Text);
            }
            else
            {
                unmatched.Remove(hit);
            }
        }

        Assert.True(
            missing.Count == 0 && unmatched.Count == 0,
            "Missing: " + string.Join("; ", missing) + Environment.NewLine + "Reported:" + Environment.NewLine
            + string.Join(Environment.NewLine, actual.Select(Describe)));
    }

    [Fact]
    public void Every_catalogue_id_has_a_case_and_every_case_names_a_catalogue_id()
    {
        var catalogue = DiagnosticDescriptors.All.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var covered = new HashSet<string>(CoveredByUnitTests, StringComparer.Ordinal);
        foreach (var name in CaseNames())
        {
            var id = name.Substring(0, 7);
            Assert.True(catalogue.Contains(id), $"Case {name} is named for {id}, which the catalogue lacks");
            var (expectations, _) = ReadHeader(name);
            Assert.All(expectations, e => Assert.True(
                catalogue.Contains(e.Id),
                $"Case {name} expects {e.Id}, which the catalogue lacks"));
            Assert.True(
                expectations.Any(e => e.Id == id),
                $"Case {name} is named for {id} but does not expect it");
            covered.Add(id);
        }

        var uncovered = catalogue.Where(id => !covered.Contains(id)).OrderBy(id => id, StringComparer.Ordinal);
        Assert.True(!uncovered.Any(), "No case for " + string.Join(", ", uncovered));
        Assert.All(CoveredByUnitTests, id => Assert.Contains(id, catalogue));
    }

    [Fact]
    public void Every_catalogue_id_has_a_help_link_to_its_section_of_docs_diagnostics_md()
    {
        var docs = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "diagnostics.md"));
        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            var anchor = descriptor.Id.ToLowerInvariant();
            Assert.Equal("docs/diagnostics.md#" + anchor, descriptor.HelpLinkUri);
            Assert.Contains($"<a id=\"{anchor}\"></a>", docs, StringComparison.Ordinal);
            Assert.Contains(
                $"## {descriptor.Id}: {descriptor.Title}\n",
                docs.Replace("\r\n", "\n"),
                StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// ARZ0017 is what an exception inside the generator becomes; no document provokes one on purpose. What can be
    /// checked is the reporting path the catch blocks use: the whole file, the exception named in the message.
    /// </summary>
    [Fact]
    public void ARZ0017_an_internal_error_points_at_the_start_of_the_file_and_names_the_exception()
    {
        var info = DiagnosticInfo.Create(
            DiagnosticDescriptors.InternalError,
            SourceSpan.FileStart("/p/x.arazzo.yaml"),
            "/p/x.arazzo.yaml",
            "InvalidOperationException: boom");

        var diagnostic = info.ToDiagnostic();

        Assert.Equal("ARZ0017", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("/p/x.arazzo.yaml(1,1)", Where(diagnostic));
        Assert.Equal(
            "ArazzoGen could not process '/p/x.arazzo.yaml': InvalidOperationException: boom. Please report this with "
            + "the file that caused it.",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    private static AdditionalText Virtual(string name, string path)
        => new InMemoryAdditionalText("/cases/" + name, File.ReadAllText(path));

    /// <summary>
    /// The expectations: the leading '#' lines of a YAML case, or the lines of 'case.json.expect' beside a JSON case
    /// (JSON has no comments, and a JSON case must stay JSON to test its columns).
    /// </summary>
    private static (List<Expectation> Expectations, List<string> Files) ReadHeader(string caseName)
    {
        var path = Path.Combine(CasesFolder, caseName);
        var lines = caseName.EndsWith(".json", StringComparison.Ordinal)
            ? File.ReadAllLines(path + ".expect")
            : File.ReadAllLines(path).TakeWhile(l => l.StartsWith('#')).Select(l => l.TrimStart('#', ' ')).ToArray();
        var expectations = new List<Expectation>();
        var files = new List<string>();
        foreach (var line in lines.Select(l => l.Trim()))
        {
            if (line.StartsWith("files:", StringComparison.Ordinal))
            {
                var names = line.Substring(6).Split(',');
                files.AddRange(names.Select(n => n.Trim()).Where(n => n.Length > 0));
                continue;
            }

            if (!line.StartsWith("expect:", StringComparison.Ordinal))
            {
                continue;
            }

            var match = Expect.Match(line);
            Assert.True(match.Success, $"{caseName}: cannot read '{line}'");
            var file = match.Groups["file"].Success ? match.Groups["file"].Value : caseName;
            expectations.Add(new Expectation(
                line.Substring(7).Trim(),
                match.Groups["id"].Value,
                "/cases/" + file,
                Span.Parse(match.Groups["at"].Value, caseName),
                match.Groups["also"].Success ? Span.Parse(match.Groups["also"].Value, caseName) : null));
        }

        return (expectations, files);
    }

    private static string Where(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        return $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})";
    }

    private static string Describe(Diagnostic d)
    {
        var also = string.Concat(d.AdditionalLocations.Select(l => " also " + Span.Of(l)));
        return $"  {d.Id} in {Path.GetFileName(d.Location.GetLineSpan().Path)} at {Span.Of(d.Location)}{also}: "
            + d.GetMessage(CultureInfo.InvariantCulture);
    }

    /// <summary>One-based line and column; the end is optional, its line defaults to the start line.</summary>
    private sealed record Span(int Line, int Column, int? EndLine, int? EndColumn)
    {
        public static Span Parse(string text, string caseName)
        {
            var match = Position.Match(text);
            Assert.True(match.Success, $"{caseName}: cannot read the position '{text}'");
            var line = int.Parse(match.Groups["line"].Value, CultureInfo.InvariantCulture);
            int? endColumn = match.Groups["endCol"].Success
                ? int.Parse(match.Groups["endCol"].Value, CultureInfo.InvariantCulture)
                : null;
            int? endLine = match.Groups["endLine"].Success
                ? int.Parse(match.Groups["endLine"].Value, CultureInfo.InvariantCulture)
                : endColumn is null ? null : line;
            var column = int.Parse(match.Groups["col"].Value, CultureInfo.InvariantCulture);
            return new Span(line, column, endLine, endColumn);
        }

        public static string Of(Location location)
        {
            var s = location.GetLineSpan();
            var end = s.EndLinePosition.Line == s.StartLinePosition.Line
                ? (s.EndLinePosition.Character + 1).ToString(CultureInfo.InvariantCulture)
                : $"{s.EndLinePosition.Line + 1}:{s.EndLinePosition.Character + 1}";
            return $"{s.StartLinePosition.Line + 1}:{s.StartLinePosition.Character + 1}-{end}";
        }

        public bool Matches(Location location)
        {
            var s = location.GetLineSpan();
            return s.StartLinePosition.Line + 1 == Line
                && s.StartLinePosition.Character + 1 == Column
                && (EndLine is null || s.EndLinePosition.Line + 1 == EndLine)
                && (EndColumn is null || s.EndLinePosition.Character + 1 == EndColumn);
        }
    }

    private sealed record Expectation(string Text, string Id, string File, Span At, Span? Also)
    {
        public bool Matches(Diagnostic d)
            => d.Id == Id
                && d.Location.GetLineSpan().Path == File
                && At.Matches(d.Location)
                && (Also is null
                    ? d.AdditionalLocations.Count == 0
                    : d.AdditionalLocations.Count == 1 && Also.Matches(d.AdditionalLocations[0]));
    }
}
