using System.Collections.Generic;
using System.IO;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using YamlDotNet.RepresentationModel;

namespace ArazzoGen.Benchmarks;

/// <summary>
/// The floor of the cold generator run: each corpus file parsed once by the library the generator uses for it, and
/// nothing else. OpenAPI documents go through Microsoft.OpenApi (with its YAML reader), every other file through
/// YamlDotNet's representation model, which is how the generator reads Arazzo documents.
/// </summary>
public static class BareParse
{
    public static void AddYaml(OpenApiReaderSettings settings) => settings.AddYamlReader();

    /// <summary>
    /// The parse; with <paramref name="validate"/> false, without Microsoft.OpenApi's validation rules, which its
    /// default settings run and the generator does not (a floor that does strictly less than the generator).
    /// </summary>
    public static int Run(IReadOnlyList<CorpusFile> files, bool validate = true)
    {
        var nodes = 0;
        foreach (var file in files)
        {
            if (file.Kind == DocumentKind.OpenApi)
            {
                var settings = new OpenApiReaderSettings();
                if (!validate)
                {
                    settings.RuleSet = ValidationRuleSet.GetEmptyRuleSet();
                }

                settings.AddYamlReader();
                var result = OpenApiDocument.Parse(file.Text, file.Format, settings);
                nodes += result.Document?.Paths?.Count ?? 0;
            }
            else
            {
                var stream = new YamlStream();
                try
                {
                    stream.Load(new StringReader(file.Text));
                }
                catch (YamlDotNet.Core.YamlException)
                {
                    // A few corpus files are broken on purpose; the generator reads up to the fault as well.
                }

                nodes += stream.Documents.Count;
            }
        }

        return nodes;
    }
}
