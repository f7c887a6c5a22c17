using ArazzoGen.Binding;
using Microsoft.CodeAnalysis;

namespace ArazzoGen.Emit;

/// <summary>
/// Lays out, for one Arazzo document, a <c>services.Add…Workflow()</c> registration per workflow: a typed client
/// of <c>IHttpClientFactory</c>, so that handlers (resilience, logging, authentication) can be added to the
/// <c>IHttpClientBuilder</c> it returns. Written only when the project references dependency injection and
/// Microsoft.Extensions.Http; the workflow classes themselves never need either.
/// </summary>
/// <remarks>
/// The registration builds the workflow in a factory lambda rather than through a constructor the container picks:
/// no reflection over constructors (so it is trim- and AOT-safe), and the plain-<c>HttpClient</c> constructor stays
/// the only one. Each workflow's client and options are the named <c>HttpClient</c> and
/// <c>ArazzoWorkflowOptions</c> whose name is the class's <c>ClientName</c>: <c>ConfigureAll</c> sets defaults for
/// every workflow; a named <c>Configure</c>, <c>Bind</c> or the registration's own action sets one.
/// </remarks>
internal static class ServiceCollectionEmitter
{
    private const string Runtime = CSharp.Runtime;
    private const string Services = "global::Microsoft.Extensions.DependencyInjection";
    private const string GeneratedCode =
        "[global::System.CodeDom.Compiler.GeneratedCode(\"ArazzoGen\", \"" + ThisAssembly.Version + "\")]";

    /// <summary>The class of the registrations of all a project's documents, one partial per document.</summary>
    public const string ClassName = "ArazzoServiceCollectionExtensions";

    // The types a registration uses, by metadata name: AddHttpClient (Microsoft.Extensions.Http), IServiceCollection,
    // named options and ILogger<T>.
    private static readonly string[] RequiredTypes =
    {
        "Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions",
        "Microsoft.Extensions.DependencyInjection.IHttpClientBuilder",
        "Microsoft.Extensions.DependencyInjection.IServiceCollection",
        "Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions",
        "Microsoft.Extensions.DependencyInjection.OptionsServiceCollectionExtensions",
        "Microsoft.Extensions.Options.IOptionsMonitor`1",
        "Microsoft.Extensions.Logging.ILogger`1",
    };

    /// <summary>True when the compilation can call everything a registration calls.</summary>
    public static bool IsAvailable(Compilation compilation)
    {
        foreach (var name in RequiredTypes)
        {
            if (compilation.GetTypeByMetadataName(name) is null)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The hint name of the registrations beside the document's own file.</summary>
    public static string HintName(string documentHint)
        => documentHint.Substring(0, documentHint.Length - ".g.cs".Length) + ".DependencyInjection.g.cs";

    public static string Emit(DocumentSpec document)
    {
        var w = new SourceWriter();
        w.FileStart(document.SourceFileName, document.Namespace);
        w.Line($"using {Services};");
        w.Line();
        w.Line("/// <summary>Registers generated workflows with dependency injection.</summary>");
        w.Open($"public static partial class {ClassName}");
        w.Separated(document.Workflows, workflow => EmitRegistration(w, workflow));

        w.Close();
        foreach (var workflow in document.Workflows)
        {
            w.Line();
            EmitClientName(w, workflow, document.Namespace);
        }

        w.Close();
        return w.ToString();
    }

    private static void EmitRegistration(SourceWriter w, WorkflowSpec workflow)
    {
        var type = workflow.ClassName;
        w.Line($"/// <summary>");
        w.Line($"/// Registers <see cref=\"{type}\"/> as a typed client of <c>IHttpClientFactory</c>,");
        w.Line($"/// with the client and options named <see cref=\"{type}.ClientName\"/> and an");
        w.Line($"/// <c>ILogger&lt;{type}&gt;</c>.");
        w.Line($"/// </summary>");
        w.Line("/// <param name=\"services\">The service collection.</param>");
        w.Line("/// <param name=\"configure\">");
        w.Line("/// Sets the workflow's options; null leaves them as configured elsewhere.");
        w.Line("/// </param>");
        w.Line("/// <returns>The client's builder: add handlers to it, resilience for one.</returns>");
        w.Line(GeneratedCode);
        w.Line($"public static {Services}.IHttpClientBuilder Add{type}(");
        w.Line($"    this {Services}.IServiceCollection services,");
        w.Line($"    global::System.Action<{Runtime}.ArazzoWorkflowOptions>? configure = null)");
        w.Line("{");
        w.Indent(1);
        w.Line("global::System.ArgumentNullException.ThrowIfNull(services);");
        w.Open("if (configure is not null)");
        w.Line($"services.Configure({type}.ClientName, configure);");
        w.Close();
        w.Line();
        w.Line($"return services");
        w.Line($"    .AddHttpClient({type}.ClientName)");
        w.Line($"    .ConfigurePrimaryHttpMessageHandler(static () => {Runtime}.ArazzoHttp.CreateHandler())");
        w.Line("    .ConfigureHttpClient(");
        w.Line("        static client => client.Timeout = global::System.Threading.Timeout.InfiniteTimeSpan)");
        w.Line($"    .AddTypedClient(Create{type});");
        w.Indent(-1);
        w.Line("}");
        w.Line();
        w.Line($"private static {type} Create{type}(");
        w.Line("    global::System.Net.Http.HttpClient httpClient,");
        w.Line("    global::System.IServiceProvider provider)");
        w.Line("    => new(");
        w.Line("        httpClient,");
        w.Line($"        provider.GetRequiredService<global::Microsoft.Extensions.Options.IOptionsMonitor<");
        w.Line($"            {Runtime}.ArazzoWorkflowOptions>>().Get({type}.ClientName),");
        w.Line($"        provider.GetService<global::Microsoft.Extensions.Logging.ILogger<{type}>>());");
    }

    private static void EmitClientName(SourceWriter w, WorkflowSpec workflow, string ns)
    {
        w.Open($"partial class {workflow.ClassName}");
        w.Line("/// <summary>");
        w.Line("/// The name of the workflow's <c>HttpClient</c> and <c>ArazzoWorkflowOptions</c> in dependency");
        w.Line("/// injection.");
        w.Line("/// </summary>");
        w.Line($"public const string ClientName = {CSharp.Literal(ns + "." + workflow.ClassName)};");
        w.Close();
    }
}
