BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
}

Describe 'Get-AnimeStyle' {
    It 'lists the installed styles with the default first' {
        $styles = Get-AnimeStyle -ModelsPath $Models
        $styles.Id | Should -Contain 'shinkai'
        ($styles | Where-Object IsDefault).Id | Should -Be 'hayao'
    }

    It 'writes an error for a name without wildcards that matches nothing, as built-in cmdlets do' {
        Get-AnimeStyle nosuch -ModelsPath $Models -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'StyleNotFound*'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        Get-AnimeStyle nosuch* -ModelsPath $Models -ErrorVariable quiet | Should -BeNullOrEmpty
        $quiet | Should -BeNullOrEmpty
    }

    It 'pipes into Install-AnimeModel by id, installing every style' {
        $target = New-TestFolder
        try {
            $installed = Get-AnimeStyle -ListAvailable -ModelsPath $target | Install-AnimeModel -SourcePath $SharedModels -ModelsPath $target -SkipInt8
            $installed.Id | Should -Be @('hayao', 'shinkai', 'hayao-v2', 'jp-face', 'sketch', 'cute')
        }
        finally { Remove-Item -LiteralPath $target -Recurse -Force }
    }

    It 'pipes into Optimize-AnimeModel by id; the variant is then listed in full, completed for styles and passed over by installs' {
        $target = New-TestFolder
        try {
            Install-AnimeModel jp-face -SourcePath $SharedModels -ModelsPath $target -SkipInt8 | Out-Null
            (Get-AnimeStyle jp-face -ModelsPath $target | Optimize-AnimeModel -Kind Float32 -ModelsPath $target).Id | Should -Be 'jp-face@fp32'

            # The table shows the whole id, the one -Style takes.
            (Get-AnimeStyle -ModelsPath $target | Format-Table | Out-String -Width 80) | Should -Match 'jp-face@fp32\s'
            # README's line works after an optimize: the variant counts as installed, nothing fails.
            $installed = Get-AnimeStyle -ListAvailable -ModelsPath $target | Install-AnimeModel -SourcePath $SharedModels -ModelsPath $target -SkipInt8 -ErrorVariable failures
            $failures | Should -BeNullOrEmpty
            ($installed | Where-Object Id -eq 'jp-face@fp32').Outcome | Should -Be 'AlreadyInstalled'
            # Completion: variants for -Style (quoted, '@' would start a splat), none for installs or optimizing.
            $line = "Convert-ToAnime x.jpg -ModelsPath '$target' -Style jp"
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain "'jp-face@fp32'"
            $line = "Install-AnimeModel -ModelsPath '$target' jp"
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('jp-face')
            $line = "Optimize-AnimeModel -ModelsPath '$target' -Name jp"
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('jp-face')
            # A variant is not optimized again: no 'jp-face@fp32@int8', under -WhatIf either.
            Optimize-AnimeModel jp-face@fp32 -Kind Int8 -ModelsPath $target -WhatIf -ErrorVariable refused -ErrorAction SilentlyContinue
            $refused[0].FullyQualifiedErrorId | Should -BeLike 'AlreadyAVariant*'
        }
        finally { Remove-Item -LiteralPath $target -Recurse -Force }
    }

    It 'finds styles by any case under a Turkish culture' {
        $culture = [cultureinfo]::CurrentCulture
        try {
            [cultureinfo]::CurrentCulture = 'tr-TR'
            (Get-AnimeStyle SHINKAI -ListAvailable -ModelsPath $Models).Id | Should -Be 'shinkai'
            (Get-AnimeStyle '*I*' -ListAvailable -ModelsPath $Models).Id | Should -Contain 'shinkai'
        }
        finally { [cultureinfo]::CurrentCulture = $culture }
    }
}

Describe 'Install-AnimeModel' {
    BeforeEach { $work = New-TestFolder }
    AfterEach { Remove-Item -LiteralPath $work -Recurse -Force }

    It 'resolves -ModelsPath against the current location' {
        Push-Location $work
        try { Install-AnimeModel cute -SourcePath $SharedModels -ModelsPath ./mymodels -SkipInt8 | Out-Null }
        finally { Pop-Location }
        Join-Path $work 'mymodels' 'AnimeGANv3_tiny_Cute.onnx' | Should -Exist
    }

    It 'installs into a PSDrive' {
        New-PSDrive -Name AnimeModels -PSProvider FileSystem -Root $work | Out-Null
        try {
            (Install-AnimeModel cute -SourcePath $SharedModels -ModelsPath AnimeModels:\models -SkipInt8).Path | Should -Be (Join-Path $work 'models' 'AnimeGANv3_tiny_Cute.onnx')
            (Get-AnimeStyle -ModelsPath AnimeModels:\models).Id | Should -Be 'cute'
        }
        finally { Remove-PSDrive AnimeModels }
    }

    It 'stops with an error when -SourcePath does not exist' {
        { Install-AnimeModel -All -SourcePath (Join-Path $work 'missing') -ModelsPath $work -ErrorAction Stop } | Should -Throw -ErrorId 'SourceFolderNotFound*'
    }

    It 'writes an error when -SourcePath holds no model file' {
        Install-AnimeModel -All -SourcePath $work -ModelsPath (Join-Path $work 'm') -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'NoModelFiles*'
    }

    It 'writes an error for an unknown name and installs the names it knows' {
        $installed = Install-AnimeModel cute, nosuch -SourcePath $SharedModels -ModelsPath $work -SkipInt8 -ErrorVariable failures -ErrorAction SilentlyContinue
        $installed.Id | Should -Be 'cute'
        $installed.Outcome | Should -Be 'Installed'
        $installed.OptimizedGraph | Should -Not -BeNullOrEmpty
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'UnknownModel*'
        $failures[0].TargetObject | Should -Be 'nosuch'
    }

    It 'words the way to install a model with no public download in PowerShell''s terms' {
        Install-AnimeModel hayao-v2 -ModelsPath $work -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures | Should -HaveCount 1
        $failures[0].ToString() | Should -BeLike "*has no public download*Install-AnimeModel hayao-v2 -SourcePath <folder>*"
        $failures[0].ToString() | Should -Not -BeLike '*--from*'
    }

    It 'installs nothing under -WhatIf' {
        Install-AnimeModel cute -SourcePath $SharedModels -ModelsPath $work -WhatIf | Should -BeNullOrEmpty
        @(Get-ChildItem -LiteralPath $work -Force) | Should -HaveCount 0
    }

    It 'refuses a -ModelsPath on another provider' {
        { Install-AnimeModel cute -SourcePath $SharedModels -ModelsPath Env:/x -ErrorAction Stop } | Should -Throw -ErrorId 'NotAFileSystemPath*'
    }

    It 'completes a quoted word in its quotes' {
        $line = "Convert-ToAnime x.jpg -ModelsPath '$Models' -Style 'sh"
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain "'shinkai'"
        $line = "Convert-ToAnime x.jpg -ModelsPath '$Models' -Style `"sh"
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain '"shinkai"'
    }

    It 'returns install results in the module''s namespace, shown as a table, with the precision decided' {
        $result = Install-AnimeModel cute -SourcePath $SharedModels -ModelsPath $work
        $result.GetType().FullName | Should -Be 'AnimeGan.PowerShell.AnimeModelInstallResult'
        "$result" | Should -Be 'cute'
        ($result | Out-String) | Should -Match 'Id\s+Outcome\s+Precision\s+Path'
        # Installed without a further step, the style runs what the install decided.
        $result.Precision | Should -Match '^(int8: \d\.\dx, SSIM|float: )'
        (Get-AnimeStyle -ModelsPath $work | Where-Object Id -eq cute).Precision | Should -Be $result.Precision
    }

    It 'completes every model id, face detectors included' {
        $line = 'Install-AnimeModel ret'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'retinaface'
        $line = 'Install-AnimeModel yu'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'yunet'
    }

    It 'completes -Style from a -ModelsPath on a PSDrive' {
        Install-AnimeModel cute -SourcePath $SharedModels -ModelsPath (Join-Path $work 'm') -SkipInt8 | Out-Null
        New-PSDrive -Name AnimeOnly -PSProvider FileSystem -Root (Join-Path $work 'm') | Out-Null
        try {
            $line = 'Convert-ToAnime x.jpg -ModelsPath AnimeOnly:\ -Style '
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('cute')
        }
        finally { Remove-PSDrive AnimeOnly }
    }
}
