package com.example.two;

public class Second {
  public static void main(String[] args) {}
}
