using System;
using System.Text.Json;
using Flow.Deployment;

namespace Flow.Engine;

/// <summary>Start data refused by the process's data reader becomes FLOW6322, naming the process, the deployment and where.</summary>
public sealed partial class FlowEngine
{
    /// <summary>
    /// Reads the start data, translating the reader's refusal (malformed JSON, too deep, not an
    /// object, JSON null, a value of the wrong type, invalid UTF-8, content after the end): no
    /// second pass over the bytes, the try costs nothing when the data is fine.
    /// </summary>
    private static object ReadStartData<TStartData>(TStartData startData, IFlowProcess process, string key, DeployedVersion version)
        where TStartData : struct, IStartData
    {
        try
        {
            return startData.Read(process);
        }
        catch (JsonException error) when (error is not FlowInputException)
        {
            throw JsonInputErrors.StartData(key, version, error);
        }
        catch (ArgumentException error) when (error is not ArgumentNullException && error.ParamName == "utf8Json")
        {
            // FlowProcess.DataFromUtf8 refuses the JSON text null so (a C# null and a default element stay argument errors).
            throw JsonInputErrors.StartData(key, version, error);
        }
    }
}
