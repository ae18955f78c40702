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
            $installed = Get-AnimeStyle -ListAvailable -ModelsPath $target | Install-AnimeModel -SourcePath $SharedModels -ModelsPath $target
            $installed.Id | Should -Be @('hayao', 'shinkai', 'hayao-v2', 'jp-face', 'sketch', 'cute')
        }
        finally { Remove-Item -LiteralPath $target -Recurse -Force }
    }

    It 'pipes into Optimize-AnimeModel by id' {
        $target = New-TestFolder
        try {
            Install-AnimeModel jp-face -SourcePath $SharedModels -ModelsPath $target | Out-Null
            (Get-AnimeStyle jp-face -ModelsPath $target | Optimize-AnimeModel -Kind Float32 -ModelsPath $target).Id | Should -Be 'jp-face@fp32'
        }
        finally { Remove-Item -LiteralPath $target -Recurse -Force }
    }
}

Describe 'Install-AnimeModel' {
    BeforeEach { $work = New-TestFolder }
    AfterEach { Remove-Item -LiteralPath $work -Recurse -Force }

    It 'resolves -ModelsPath against the current location' {
        Push-Location $work
        try { Install-AnimeModel cute -SourcePath $SharedModels -ModelsPath ./mymodels | Out-Null }
        finally { Pop-Location }
        Join-Path $work 'mymodels' 'AnimeGANv3_tiny_Cute.onnx' | Should -Exist
    }

    It 'installs into a PSDrive' {
        New-PSDrive -Name AnimeModels -PSProvider FileSystem -Root $work | Out-Null
        try {
            (Install-AnimeModel cute -SourcePath $SharedModels -ModelsPath AnimeModels:\models).Path | Should -Be (Join-Path $work 'models' 'AnimeGANv3_tiny_Cute.onnx')
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
        $installed = Install-AnimeModel cute, nosuch -SourcePath $SharedModels -ModelsPath $work -ErrorVariable failures -ErrorAction SilentlyContinue
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

    It 'completes every model id, face detectors included' {
        $line = 'Install-AnimeModel ret'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'retinaface'
        $line = 'Install-AnimeModel yu'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'yunet'
    }

    It 'completes -Style from a -ModelsPath on a PSDrive' {
        Install-AnimeModel cute -SourcePath $SharedModels -ModelsPath (Join-Path $work 'm') | Out-Null
        New-PSDrive -Name AnimeOnly -PSProvider FileSystem -Root (Join-Path $work 'm') | Out-Null
        try {
            $line = 'Convert-ToAnime x.jpg -ModelsPath AnimeOnly:\ -Style '
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('cute')
        }
        finally { Remove-PSDrive AnimeOnly }
    }
}
