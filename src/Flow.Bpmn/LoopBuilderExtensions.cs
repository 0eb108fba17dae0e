using Flow.Bpmn.Builder;
using Flow.Bpmn.Model;

// In the root namespace: `using Flow.Bpmn;` is all a builder chain needs.
namespace Flow.Bpmn;

/// <summary>Loops on activities (input/output parameters: <see cref="InputOutputBuilderExtensions"/>); each returns the activity's own builder type.</summary>
public static class LoopBuilderExtensions
{
    /// <summary>A multi-instance loop (replacing any loop); set it up, then MultiInstanceDone().</summary>
    public static MultiInstanceBuilder<T> MultiInstance<T>(this T builder)
        where T : ActivityBuilder
    {
        var loop = new BpmnLoopCharacteristics(isMultiInstance: true);
        SetLoop(builder, loop);
        return new MultiInstanceBuilder<T>(builder, loop);
    }

    /// <summary>
    /// A standard loop: the body runs again while <paramref name="loopCondition"/> holds (also
    /// before the first run with <paramref name="testBefore"/>), at most <paramref name="loopMaximum"/>
    /// times; one of condition and maximum is needed (FLOW8016).
    /// </summary>
    public static T StandardLoop<T>(this T builder, string? loopCondition, bool testBefore = false, int? loopMaximum = null)
        where T : ActivityBuilder
    {
        if (string.IsNullOrEmpty(loopCondition) && loopMaximum is null)
        {
            throw new BpmnModelException(BpmnErrors.EndlessLoop, $"The standard loop of '{builder.Node.Id}' has neither a loop condition nor a loop maximum: it would never end.");
        }

        SetLoop(builder, new BpmnLoopCharacteristics(isMultiInstance: false)
        {
            LoopCondition = string.IsNullOrEmpty(loopCondition) ? null : loopCondition,
            TestBefore = testBefore,
            LoopMaximum = loopMaximum?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        return builder;
    }

    private static void SetLoop(ActivityBuilder builder, BpmnLoopCharacteristics loop)
    {
        if (builder.Node.TriggeredByEvent)
        {
            throw new BpmnModelException(BpmnErrors.LoopOnEventSubProcess, $"'{builder.Node.Id}' is an event sub-process: its event starts it, it does not loop.");
        }

        builder.Node.Loop = loop;
    }
}
