"""The labs' names (as their scenes carry them in files) and tab titles, in the order the window shows them.

Apart from :mod:`.registry` because that imports every lab's scene and, through them, sympy (~0.6 s
of CPU): the window's first frame shows these titles before any lab is imported.
"""

LAB_TITLES = {
    "roots": "Root finding",
    "descent": "Gradient descent",
    "lr_search": "Learning rate",
    "vectors": "Vector spaces",
}
