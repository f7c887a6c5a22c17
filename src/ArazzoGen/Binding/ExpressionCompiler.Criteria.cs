using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.XPath;
using ArazzoGen.Diagnostics;
using ArazzoGen.Emit;
using ArazzoGen.Expressions;
using ArazzoGen.Infrastructure;
using ArazzoGen.JsonPath;

namespace ArazzoGen.Binding;

// Criteria of type jsonpath, xpath and regex. Each pattern is checked here, at build time, and becomes a static
// field of the workflow class (see PatternSpec) that the criterion's code calls.
internal sealed partial class ExpressionCompiler
{
    /// <summary>The generated workflow's logger, to which pattern criteria say why they did not hold.</summary>
    private const string Logger = "_logger";

    /// <summary>
    /// Compiles a JSONPath criterion over <paramref name="context"/>. An RFC 9535 query passes when it selects a node
    /// of the context wrapped in a one-element array. The comparison form real documents use (<c>$.a.b == 'x'</c>),
    /// which is not RFC 9535, compares the selected value instead and is reported with its RFC spelling.
    /// </summary>
    public string? CompileJsonPath(string condition, SourceSpan span, string context)
    {
        JsonPathSyntaxException rfcError;
        try
        {
            JsonPathParser.Parse(condition);
            return $"{AddPattern(PatternKind.JsonPath, condition)}.Matches({context}, {Logger})";
        }
        catch (JsonPathSyntaxException ex)
        {
            rfcError = ex;
        }

        try
        {
            if (CompileComparisonForm(condition, span, context) is { } comparison)
            {
                return comparison;
            }
        }
        catch (JsonPathSyntaxException ex)
        {
            rfcError = ex;
        }

        Diagnostics.Add(
            DiagnosticDescriptors.InvalidCondition,
            span.Slice(rfcError.Offset, 1),
            condition,
            "RFC 9535 JSONPath query",
            rfcError.Message);
        return null;
    }

    /// <summary>
    /// <c>&lt;singular query&gt; &lt;operator&gt; &lt;literal&gt;</c>, as today's documents write it. Null when the
    /// condition does not start with a query and a comparison operator; a syntax error after that is this form's.
    /// </summary>
    private string? CompileComparisonForm(string condition, SourceSpan span, string context)
    {
        var position = 0;
        Query query;
        try
        {
            query = JsonPathParser.ParsePrefix(condition, ref position);
        }
        catch (JsonPathSyntaxException)
        {
            return null;
        }

        SkipBlank(condition, ref position);
        if (JsonPathParser.ReadComparisonOperator(condition, ref position) is not { } op)
        {
            return null;
        }

        if (!query.IsSingular)
        {
            throw new JsonPathSyntaxException(
                "a comparison outside a filter needs a singular query (names and indexes only)",
                0);
        }

        SkipBlank(condition, ref position);
        var literal = JsonPathParser.ParseLiteral(condition, ref position);
        SkipBlank(condition, ref position);
        if (position < condition.Length)
        {
            throw new JsonPathSyntaxException($"unexpected '{condition.Substring(position)}'", position);
        }

        Diagnostics.Add(DiagnosticDescriptors.JsonPathComparisonForm, span, condition,
            "$[?@" + condition.Substring(1).Trim() + "]");

        // '$' is the context itself here, as '@' is in the filter that the diagnostic suggests.
        return ComparisonCode(op, SelectedValue(query, context), LiteralCode(literal));
    }

    private static void SkipBlank(string text, ref int position)
    {
        while (position < text.Length && JsonPathParser.IsBlank(text[position]))
        {
            position++;
        }
    }

    /// <summary>The value a singular query selects from <paramref name="context"/>, as ArazzoValue code.</summary>
    private static string SelectedValue(Query query, string context)
    {
        var code = new StringBuilder(context);
        foreach (var selector in query.Segments.Select(s => s.Selectors[0]))
        {
            if (selector is NameSelector name)
            {
                AppendAccessor(code, new Accessor(name.Name, null));
            }
            else if (selector is IndexSelector { Index: >= int.MinValue and <= int.MaxValue } index)
            {
                AppendAccessor(code, new Accessor(null, (int)index.Index));
            }
            else
            {
                // An index beyond int's range selects nothing from any array a response can hold.
                return Value + ".Missing";
            }
        }

        return code.ToString();
    }

    private static string LiteralCode(ValueLiteral literal) => literal.Type switch
    {
        LiteralType.String => $"{Value}.From({CSharp.Literal(literal.Text)})",
        LiteralType.Number => $"{Value}.From({CSharp.Number(literal.Number)}d)",
        LiteralType.True => $"{Value}.From(true)",
        LiteralType.False => $"{Value}.From(false)",
        _ => $"{Value}.Null",
    };

    /// <summary>Compiles a regex criterion: the pattern is checked now and compiled once into a static field.</summary>
    public string? CompileRegex(string pattern, SourceSpan span, string context)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant);
        }
        catch (System.ArgumentException ex)
        {
            Diagnostics.Add(DiagnosticDescriptors.InvalidCondition, span, pattern, "regular expression", ex.Message);
            return null;
        }

        return $"{Compare}.Matches({context}, {AddPattern(PatternKind.Regex, pattern)})";
    }

    /// <summary>
    /// Compiles an XPath criterion over <paramref name="xmlText"/> (C# code of type string). The expression must be
    /// XPath 1.0 whatever <paramref name="version"/> the document asks for: that is what .NET evaluates.
    /// </summary>
    public string? CompileXPath(string expression, string? version, SourceSpan span, string xmlText)
    {
        if (XPathProblem(expression) is { } problem)
        {
            var dialect = version is null or "xpath-10"
                ? "XPath 1.0 expression"
                : $"XPath 1.0 expression (the criterion asks for {version}; ArazzoGen evaluates XPath 1.0)";
            Diagnostics.Add(DiagnosticDescriptors.InvalidCondition, span, expression, dialect, problem);
            return null;
        }

        return $"{AddPattern(PatternKind.XPath, expression)}.Matches({xmlText}, {Logger})";
    }

    /// <summary>
    /// Why an expression cannot run as XPath 1.0, or null. .NET binds functions, variables and namespace prefixes at
    /// the first evaluation, so the expression is also evaluated once over a one-element document.
    /// </summary>
    private static string? XPathProblem(string expression)
    {
        XPathExpression compiled;
        try
        {
            compiled = XPathExpression.Compile(expression);
        }
        catch (XPathException ex)
        {
            return ex.Message;
        }

        try
        {
            new XPathDocument(new StringReader("<probe/>")).CreateNavigator().Evaluate(compiled);
            return null;
        }
        catch (XPathException)
        {
            return "it uses a function, variable or namespace prefix that XPath 1.0 does not define "
                   + "(an Arazzo document cannot declare namespaces or variables)";
        }
    }

    /// <summary>The static field for a pattern; one field per distinct pattern of a kind in the workflow.</summary>
    private string AddPattern(PatternKind kind, string text)
    {
        if (_scope.Patterns.FirstOrDefault(p => p.Kind == kind && p.Text == text) is { } existing)
        {
            return existing.Field;
        }

        var prefix = kind switch
        {
            PatternKind.Regex => "Pattern",
            PatternKind.JsonPath => "JsonPath",
            _ => "XPath",
        };
        var field = prefix + _scope.Patterns.Count(p => p.Kind == kind).ToString(CultureInfo.InvariantCulture);
        _scope.Patterns.Add(new PatternSpec(field, kind, text));
        return field;
    }
}
