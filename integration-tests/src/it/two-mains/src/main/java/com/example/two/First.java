package com.example.two;

public class First {
  public static void main(String[] args) {}
}
