namespace ArazzoGen.Tests.Support;

/// <summary>
/// Ten small Arazzo documents that each call one operation of the corpus's Rebilly description: "one large
/// description named by ten documents", counted by <c>IncrementalCountTests</c> and by benchmark 4 (the benchmark
/// project compiles this file too).
/// </summary>
internal static class RebillyReaders
{
    /// <summary>The operations the readers call, one each.</summary>
    public static readonly string[] Operations =
    {
        "GetAmlCheckCollection", "GetAttachmentCollection", "GetAuthenticationTokenCollection",
        "GetBlocklistCollection", "GetCouponRedemptionCollection", "GetCouponCollection",
        "GetCredentialCollection", "GetCustomerCollection", "GetDisputeCollection", "GetFileCollection",
    };

    /// <summary>The file name of reader <paramref name="n"/>, beside the description.</summary>
    public static string FileName(int n) => $"reader-{n}.arazzo.yaml";

    /// <summary>Reader <paramref name="n"/>, whose one step calls <paramref name="operation"/>.</summary>
    public static string Text(int n, string operation) => $"""
        arazzo: 1.0.1
        info:
          title: Rebilly reader {n}
          version: 1.0.0
        sourceDescriptions:
          - name: rebilly
            url: rebilly-description.yaml
            type: openapi
        workflows:
          - workflowId: read-{n}
            steps:
              - stepId: list
                operationId: {operation}
                successCriteria:
                  - condition: $statusCode == 200
        """;
}
