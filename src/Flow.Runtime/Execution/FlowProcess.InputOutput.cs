namespace Flow;

/// <summary>
/// camunda:inputOutput on wait states (generated code overrides these): the token engine saves a
/// user, receive or manual task's input parameters with its waiting token and writes its output
/// parameters when it completes. Tasks that run code apply theirs in the generated runner.
/// </summary>
public abstract partial class FlowProcess<TData>
{
    // 0: not yet looked at; 1: SaveInputs is the default (no node has input parameters); 2: overridden.
    private int _inputParameters;

    /// <summary>
    /// Whether the process overrides <see cref="SaveInputs"/> (some node has input parameters): when
    /// not, the engine skips the call, and so never hands the data to generated code for nothing.
    /// </summary>
    internal bool HasInputParameters
    {
        get
        {
            if (_inputParameters == 0)
            {
                var method = GetType().GetMethod(
                    nameof(SaveInputs), System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic,
                    null, new[] { typeof(int), typeof(TData), typeof(LoopInfo) }, null);
                _inputParameters = method is null || method.DeclaringType != typeof(FlowProcess<TData>) ? 2 : 1;
            }

            return _inputParameters == 2;
        }
    }

    /// <summary>The input parameters of the wait state at <paramref name="nodeIndex"/> as JSON, evaluated when its token arrives; null when it has none.</summary>
    protected internal virtual string? SaveInputs(int nodeIndex, TData data, LoopInfo loop) => null;

    /// <summary>Writes the output parameters of the wait state at <paramref name="nodeIndex"/> to the data, with its saved <paramref name="inputs"/> in scope.</summary>
    protected internal virtual void ApplyOutputs(int nodeIndex, TData data, string? inputs, LoopInfo loop)
    {
    }

    /// <summary>A call activity's in-mapping expression, with the call's saved <paramref name="inputs"/> in scope.</summary>
    protected internal virtual object? EvaluateCallInput(int expressionIndex, TData data, string? inputs) => EvaluateCallInput(expressionIndex, data);
}
