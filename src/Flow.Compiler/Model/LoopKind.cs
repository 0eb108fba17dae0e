namespace Flow.Compiler.Model;

public enum LoopKind
{
    None,
    Standard,
    ParallelMultiInstance,
    SequentialMultiInstance,
}
