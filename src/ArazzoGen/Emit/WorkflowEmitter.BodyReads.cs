using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace ArazzoGen.Emit;

// Body reads that several success actions share. A poll's actions often test one field of the body against several
// values ($.run.status.run == 'succeeded', == 'errored', == 'running'); each condition walked the body to the field
// again. A read (response.Body followed by constant members and indexes) is pure and never throws, so it is made once,
// before the actions, into a local the conditions use.
internal static partial class WorkflowEmitter
{
    private const string BodyRead = "response.Body";

    /// <summary>
    /// Emits a local per body read that two or more of <paramref name="conditions"/> make (up to the first empty
    /// condition, which may end the actions) and returns the conditions with those reads replaced by the locals.
    /// </summary>
    private static List<string> ShareBodyReads(SourceWriter w, List<string> conditions)
    {
        var reach = conditions.FindIndex(c => c.Length == 0);
        var considered = reach < 0 ? conditions : conditions.Take(reach + 1).ToList();
        var shared = considered
            .SelectMany(c => BodyReads(c).Select(r => r.Text).Distinct())
            .GroupBy(text => text, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key)
            .ToList();
        if (shared.Count == 0)
        {
            return conditions;
        }

        for (var i = 0; i < shared.Count; i++)
        {
            w.Line($"var bodyRead{i} = {shared[i]};");
        }

        w.Line();
        return conditions.Select(c => Replace(c, shared)).ToList();
    }

    private static string Replace(string condition, List<string> shared)
    {
        var code = new StringBuilder(condition.Length);
        var from = 0;
        foreach (var read in BodyReads(condition))
        {
            var index = shared.IndexOf(read.Text);
            if (index < 0)
            {
                continue;
            }

            code.Append(condition, from, read.Start - from).Append("bodyRead").Append(index);
            from = read.Start + read.Text.Length;
        }

        return code.Append(condition, from, condition.Length - from).ToString();
    }

    /// <summary>
    /// The longest reads <c>response.Body.Member("…")</c> / <c>.Index(n)</c> (at least one accessor) in generated
    /// code, outside its string and character literals.
    /// </summary>
    private static IEnumerable<(int Start, string Text)> BodyReads(string code)
    {
        for (var i = 0; i < code.Length; i++)
        {
            if (code[i] is '"' or '\'')
            {
                i = LiteralEnd(code, i);
                continue;
            }

            if (string.CompareOrdinal(code, i, BodyRead, 0, BodyRead.Length) != 0
                || (i > 0 && (char.IsLetterOrDigit(code[i - 1]) || code[i - 1] is '_' or '.' or '@')))
            {
                continue;
            }

            var end = i + BodyRead.Length;
            var accessors = 0;
            while (Accessor(code, end) is { } next)
            {
                end = next;
                accessors++;
            }

            if (accessors > 0)
            {
                yield return (i, code.Substring(i, end - i));
            }

            i = end - 1;
        }
    }

    /// <summary>
    /// Where a <c>.Member("…")</c> or <c>.Index(n)</c> at <paramref name="at"/> ends; null for neither.
    /// </summary>
    private static int? Accessor(string code, int at)
    {
        const string Member = ".Member(\"";
        const string Index = ".Index(";
        if (string.CompareOrdinal(code, at, Member, 0, Member.Length) == 0)
        {
            var close = LiteralEnd(code, at + Member.Length - 1);
            return close + 1 < code.Length && code[close + 1] == ')' ? close + 2 : null;
        }

        if (string.CompareOrdinal(code, at, Index, 0, Index.Length) == 0)
        {
            var end = at + Index.Length;
            if (end < code.Length && code[end] == '-')
            {
                end++;
            }

            var digits = end;
            while (end < code.Length && char.IsDigit(code[end]))
            {
                end++;
            }

            return end > digits && end < code.Length && code[end] == ')' ? end + 1 : null;
        }

        return null;
    }

    /// <summary>The index of the quote that closes the literal opened at <paramref name="open"/>.</summary>
    private static int LiteralEnd(string code, int open)
    {
        for (var i = open + 1; i < code.Length; i++)
        {
            if (code[i] == '\\')
            {
                i++;
            }
            else if (code[i] == code[open])
            {
                return i;
            }
        }

        return code.Length - 1;
    }
}
