using System.Collections.Generic;

namespace AnimeGan.Core.Batches
{
    /// <summary>A batch planned in one go: the conversions to run, and the photos refused before any work.</summary>
    public sealed class BatchPlan
    {
        internal BatchPlan(IReadOnlyList<PlannedConversion> conversions, IReadOnlyList<BatchOutcome> refused)
        {
            Conversions = conversions;
            Refused = refused;
        }

        /// <summary>Gets the photos to convert and their outputs, in input order.</summary>
        public IReadOnlyList<PlannedConversion> Conversions { get; }

        /// <summary>Gets the photos refused while planning (an output another photo already writes), each with its error.</summary>
        public IReadOnlyList<BatchOutcome> Refused { get; }
    }
}
