using Xunit.Abstractions;

namespace ArazzoGen.Tests.EndToEnd.Support;

/// <summary>
/// A row's key as the theory's argument: xunit shows its <see cref="ToString"/> whole, where it would cut a string
/// argument after 50 characters, and the corpus path with the workflowId is the test's name.
/// </summary>
public sealed class CorpusWorkflow : IXunitSerializable
{
    public CorpusWorkflow()
    {
    }

    public CorpusWorkflow(string key) => Key = key;

    /// <summary>The document's corpus path, a space and the workflowId.</summary>
    public string Key { get; private set; } = string.Empty;

    public void Deserialize(IXunitSerializationInfo info) => Key = info.GetValue<string>(nameof(Key));

    public void Serialize(IXunitSerializationInfo info) => info.AddValue(nameof(Key), Key);

    public override string ToString() => Key;
}
